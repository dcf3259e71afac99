package io.checkpointstudio.app.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.monitor.TestJobs;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatsSnapshot;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.rest.RestServer;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.RunOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attach path against a real REST server: a job of our engine served by {@link RestServer} (Flink's
 * paths and field names, as {@code run --rest-port} serves them), watched through {@link FlinkJobSource}.
 */
class FlinkJobSourceTest {

    @Test
    void attachedJob_showsTheEnginesCheckpoints_andTakesSavepointsThroughRest(@TempDir Path dir) throws Exception {
        // given a job checkpointing every 200 ms, served over REST
        // the attached view writes savepoints into a folder of its own, which the job's REST API must allow
        JobDocument doc = TestJobs.clicks(dir)
                .withConfigValue("checkpoint-studio.rest.savepoint-roots", dir.resolve("flink-savepoints").toString());
        try (RestServer rest = RestServer.start(0);
             JobExecution job = JobExecution.start(JobValidator.standard().validate(doc).orThrow(), RunOptions.defaults())) {
            rest.register(job);
            FlinkRestClient client = new FlinkRestClient("127.0.0.1:" + rest.port());
            assertThat(client.jobs()).extracting(FlinkRestClient.JobInfo::id).containsExactly(job.jobId());

            // when attached
            try (FlinkJobSource source = FlinkJobSource.attach(client, job.jobId(), dir.resolve("flink-savepoints").toString())) {
                RunSnapshot running = await(source, s -> s.checkpoints().counts().completed() >= 3);

                // then the snapshot has the job's status, configuration, checkpoints with their tasks and subtasks
                assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
                assertThat(source.live()).isFalse();
                assertThat(running.settings().enabled()).isTrue();
                assertThat(running.settings().interval()).isEqualTo(Duration.ofMillis(200));
                CheckpointStats latest = running.checkpoints().latestCompleted();
                CheckpointStats engines = job.checkpoints().history().stream().filter(c -> c.id() == latest.id()).findFirst().orElseThrow();
                assertThat(latest.triggerTimestamp()).isEqualTo(engines.triggerTimestamp());
                assertThat(latest.stateSize()).isEqualTo(engines.stateSize());
                assertThat(latest.tasks()).hasSameSizeAs(engines.tasks());
                assertThat(latest.tasks()).allSatisfy(t -> assertThat(t.numAcknowledgedSubtasks()).isEqualTo(t.numSubtasks()));
                assertThat(latest.tasks().get(0).subtasks().get(0).ackTimestamp()).isEqualTo(engines.tasks().get(0).subtasks().get(0).ackTimestamp());
                assertThat(running.metrics().operators()).isNotEmpty();
                assertThat(running.history().checkpointDuration().size()).isGreaterThanOrEqualTo(3);

                // when a savepoint, then a stop-with-savepoint, are taken through REST
                String savepoint = source.takeSavepoint("first").get(60, TimeUnit.SECONDS);
                assertThat(Path.of(URI.create(savepoint))).startsWith(dir.resolve("flink-savepoints").resolve("first"))
                        .isDirectoryContaining("glob:**/_metadata");
                String stopped = source.stopWithSavepoint(false).get(60, TimeUnit.SECONDS);
                assertThat(Path.of(URI.create(stopped))).isDirectoryContaining("glob:**/_metadata");
                assertThat(job.result().get(30, TimeUnit.SECONDS).status()).isEqualTo(JobStatus.FINISHED);

                // then the final snapshot's checkpoints are the engine's, id for id
                RunSnapshot ended = await(source, s -> s.status() == JobStatus.FINISHED);
                CheckpointStatsSnapshot expected = job.checkpoints();
                assertThat(ended.checkpoints().counts()).isEqualTo(expected.counts());
                assertThat(ended.checkpoints().history()).extracting(CheckpointStats::id)
                        .containsExactlyElementsOf(expected.history().stream().map(CheckpointStats::id).toList());
                assertThat(ended.checkpoints().history()).extracting(CheckpointStats::status)
                        .containsExactlyElementsOf(expected.history().stream().map(CheckpointStats::status).toList());
                assertThat(ended.checkpoints().latestSavepoint().id()).isEqualTo(expected.latestSavepoint().id());
                assertThat(ended.endedAt()).isPositive();
                assertThat(ended.events()).filteredOn(e -> e instanceof EngineEvent.JobStatusChanged)
                        .extracting(e -> ((EngineEvent.JobStatusChanged) e).status()).containsSubsequence(JobStatus.RUNNING, JobStatus.FINISHED);
                assertThat(ended.events()).filteredOn(e -> e instanceof EngineEvent.CheckpointCompleted c && c.savepoint()).hasSize(2);
            }
        }
    }

    @Test
    void unknownJob_failsToAttachWithTheServersMessage() throws Exception {
        try (RestServer rest = RestServer.start(0)) {
            FlinkRestClient client = new FlinkRestClient("http://127.0.0.1:" + rest.port() + "/");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlinkJobSource.attach(client, "abcdef", null))
                    .isInstanceOf(FlinkRestClient.RestException.class).hasMessageContaining("Job abcdef not found");
        }
    }

    private static RunSnapshot await(FlinkJobSource source, Predicate<RunSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            RunSnapshot s = source.snapshot();
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out; last snapshot " + source.snapshot().checkpoints().counts() + " " + source.snapshot().status()
                + ", last error " + source.lastError());
    }
}
