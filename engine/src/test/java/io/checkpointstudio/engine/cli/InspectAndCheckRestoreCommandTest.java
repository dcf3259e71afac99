package io.checkpointstudio.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.checkpoint.CheckpointMetadata;
import io.checkpointstudio.engine.checkpoint.CheckpointStorage;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InspectAndCheckRestoreCommandTest {
    @TempDir
    Path dir;
    Path job;
    Path savepoint;

    @BeforeEach
    void takeASavepoint() throws Exception {
        JobDocument doc = ClicksJob.document(1_000_000, 500, 2, Map.of());
        doc = doc.withOperator(OperatorSpec.of(ClicksJob.SOURCE, "datagen-clicks", Map.of("events", 1_000_000L, "users", 500L, "eventsPerSecond", 200_000L)));
        job = dir.resolve("clicks.job.json");
        JobDocuments.write(doc, job);
        try (JobExecution e = JobExecution.start(JobValidator.standard().validate(doc).orThrow(), RunOptions.defaults())) {
            Thread.sleep(300);
            savepoint = e.triggerSavepoint(dir.resolve("sp"), StopMode.SUSPEND).get(30, TimeUnit.SECONDS);
            e.result().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void inspect_describesTasksKeyGroupsAndState_andPrintsOneKey() {
        Run describe = run("inspect", savepoint.toString());
        assertThat(describe.code()).isZero();
        assertThat(describe.out()).contains("savepoint ", "key groups 0..63", "per-user-0.kg", "state of per-user: sum key long -> clicks: long");

        Run key = run("inspect", savepoint.toString(), "--operator", ClicksJob.SUM, "--key", "7");
        assertThat(key.code()).isZero();
        assertThat(key.out()).matches("(?s)7 = \\d+\\s*");

        Run missing = run("inspect", dir.resolve("nothing-here").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void inspectDiff_ofASnapshotWithItself_listsNoChange() {
        Run diff = run("inspect", savepoint.toString(), "--diff", savepoint.toString());
        assertThat(diff.out()).contains(ClicksJob.SUM + ": 0 added, 0 changed, 0 removed");
    }

    @Test
    void checkRestore_saysYesForTheSameJob_andNoForAChangedOne() throws Exception {
        Run same = run("check-restore", job.toString(), savepoint.toString());
        assertThat(same.code()).isZero();
        assertThat(same.out()).contains(ClicksJob.SUM + ": restored", "restore: yes");

        JobDocument changed = JobDocuments.read(job).document().orElseThrow()
                .withOperator(OperatorSpec.of(ClicksJob.SUM, "max", Map.of("field", "clicks")));
        Path changedJob = dir.resolve("changed.job.json");
        JobDocuments.write(changed, changedJob);
        Run no = run("check-restore", changedJob.toString(), savepoint.toString());
        assertThat(no.code()).isEqualTo(2);
        assertThat(no.out()).contains(ClicksJob.SUM + ": incompatible", "was a sum, is now a max", "restore: no");
    }

    @Test
    void aSnapshotOfFormat1_isRefusedClearlyByInspectCheckRestoreAndRunFrom() throws Exception {
        CheckpointMetadata md = CheckpointStorage.readMetadata(savepoint);
        CheckpointStorage.writeMetadata(savepoint, new CheckpointMetadata("checkpoint-studio/checkpoint@1", md.jobId(), md.jobName(),
                md.checkpointId(), md.savepoint(), md.triggerTimestamp(), md.completionTimestamp(), md.maxParallelism(), md.tasks()));

        for (Run r : List.of(run("inspect", savepoint.toString()), run("check-restore", job.toString(), savepoint.toString()),
                run("run", job.toString(), "--from", savepoint.toString()))) {
            assertThat(r.code()).isNotZero();
            assertThat(r.out() + r.err()).contains("written by an older version of Checkpoint Studio (format @1)", "this version reads @2",
                    "take a new savepoint with the version that wrote it").doesNotContain("\tat ", "Exception");
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
