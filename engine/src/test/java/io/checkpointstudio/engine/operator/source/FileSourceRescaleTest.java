package io.checkpointstudio.engine.operator.source;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode;
import io.checkpointstudio.engine.checkpoint.SnapshotRestore;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file-source keeps union list state, so a savepoint restores at any parallelism and every line is read exactly once. */
class FileSourceRescaleTest {
    private static final int FILES = 3;
    private static final int LINES_PER_FILE = 3_000;

    @TempDir
    Path dir;

    private Path input;

    @BeforeEach
    void writeFiles() throws Exception {
        input = Files.createDirectories(dir.resolve("in"));
        long id = 0;
        for (int f = 0; f < FILES; f++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < LINES_PER_FILE; i++) {
                lines.add("{\"id\": " + id++ + "}");
            }
            Files.write(input.resolve("part-" + f + ".jsonl"), lines);
        }
    }

    private JobDocument job(int parallelism) {
        return chain(map("parallelism.default", parallelism, "execution.checkpointing.dir", dir.resolve("chk").toString()),
                op("in", "file-source", "path", input.toString(), "schema", List.of(map("name", "id", "type", "long"))),
                op("out", "collect"));
    }

    /** Runs (slowed down, so the savepoint falls in the middle of the input) and stops with a savepoint. */
    private Path runAndStop(int parallelism, Path from, List<Long> ids) throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.slow("out", 300);
        try (JobExecution job = JobExecution.start(JobHarness.validate(job(parallelism)), RunOptions.defaults(), faults, from)) {
            Thread.sleep(200);
            Path savepoint = job.triggerSavepoint(dir.resolve("sp"), StopMode.SUSPEND).get(30, TimeUnit.SECONDS);
            JobResult result = JobHarness.awaitEnd(job);
            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            JobHarness.rows(result, "out").forEach(r -> ids.add((Long) r.get(0)));
            return savepoint;
        }
    }

    private void runToEnd(int parallelism, Path from, List<Long> ids) throws Exception {
        try (JobExecution job = JobExecution.start(JobHarness.validate(job(parallelism)), RunOptions.defaults(), new FaultInjector(), from)) {
            JobResult result = JobHarness.awaitEnd(job);
            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            JobHarness.rows(result, "out").forEach(r -> ids.add((Long) r.get(0)));
        }
    }

    private static List<Long> everyId() {
        return LongStream.range(0, (long) FILES * LINES_PER_FILE).boxed().toList();
    }

    @Test
    void checkpointedAt2_restoredAt3_thenAt1_readsEveryLineExactlyOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        Path at2 = runAndStop(2, null, ids);
        assertThat(ids).as("the savepoint is taken in the middle of the input").isNotEmpty().hasSizeLessThan(FILES * LINES_PER_FILE);
        assertThat(SnapshotRestore.open(at2).metadata().tasks().get(0).subtasks().get(0).operators().get(0).listRedistribution())
                .as("recorded in the metadata").hasToString("UNION");

        Path at3 = runAndStop(3, at2, ids);
        runToEnd(1, at3, ids);

        assertThat(ids).containsExactlyInAnyOrderElementsOf(everyId());
    }

    @Test
    void checkpointedAt2_restoredAt1_readsEveryLineExactlyOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        Path at2 = runAndStop(2, null, ids);
        runToEnd(1, at2, ids);

        assertThat(ids).containsExactlyInAnyOrderElementsOf(everyId());
    }
}
