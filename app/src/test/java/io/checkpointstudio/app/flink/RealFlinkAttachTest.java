package io.checkpointstudio.app.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.monitor.OperatorFigures;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's Flink source against a real Flink 2.3 MiniCluster (Flink is a test dependency only): a
 * keyed running count with chained operators, checkpointing every 200 ms. The snapshot's checkpoint counts and
 * ids are Flink's, every chained operator has its own figures under its name, a savepoint and a
 * stop-with-savepoint through the source complete with a {@code _metadata} file, and the job ends FINISHED.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealFlinkAttachTest {
    @TempDir
    Path dir;

    @Test
    void attachedToARealFlinkJob_theSnapshotIsFlinks_andSavepointAndStopWork() throws Exception {
        // given a job on a MiniCluster with its REST API on a free port
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration conf = new Configuration();
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.port", String.valueOf(port));
        conf.setString("metrics.fetcher.update-interval", "500 ms");
        conf.setString("execution.checkpointing.interval", "200 ms");
        conf.setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        conf.setString("parallelism.default", "2");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        env.fromSource(new DataGeneratorSource<>(i -> Tuple2.of(i % 100, 1L), Long.MAX_VALUE, RateLimiterStrategy.perSecond(5_000),
                        Types.TUPLE(Types.LONG, Types.LONG)), WatermarkStrategy.noWatermarks(), "numbers")
                .filter(t -> t.f0 % 2 == 0).name("even").returns(Types.TUPLE(Types.LONG, Types.LONG))
                .keyBy(t -> t.f0, Types.LONG).sum(1).name("count")
                .sinkTo(new DiscardingSink<>()).name("drop");
        JobClient job = env.executeAsync("attach-me");
        try {
            FlinkRestClient client = new FlinkRestClient("http://127.0.0.1:" + port);
            await(() -> client.jobs().stream().anyMatch(j -> j.state().equals("RUNNING")));

            // when the monitor attaches to it
            try (FlinkJobSource source = FlinkJobSource.attach(client, job.getJobID().toHexString(), dir.resolve("savepoints").toUri().toString())) {
                await(() -> source.snapshot().checkpoints().counts().completed() >= 2
                        && source.snapshot().metrics().operator("even").map(o -> o.recordsOutPerSecond() > 0).orElse(false));

                // then its snapshot holds Flink's checkpoints and each chained operator's figures
                RunSnapshot s = source.snapshot();
                JsonNode flink = client.checkpoints(job.getJobID().toHexString());
                assertThat(s.status()).isEqualTo(JobStatus.RUNNING);
                assertThat(s.jobName()).isEqualTo("attach-me");
                assertThat(s.checkpoints().history().stream().map(CheckpointStats::id).toList())
                        .containsAnyElementsOf(idsOf(flink.get("history")));
                List<String> operators = s.metrics().operators().stream().map(OperatorFigures::operatorId).toList();
                assertThat(operators).contains("numbers", "even", "count");
                OperatorFigures even = s.metrics().operator("even").orElseThrow();
                assertThat(even.recordsIn()).isGreaterThan(even.recordsOut()).as("a filter passes on half").isPositive();
                assertThat(s.operatorTask().get("even")).contains("numbers").contains("even");

                // and a named savepoint, then a stop-with-savepoint, complete through Flink's REST API
                String savepoint = source.takeSavepoint("before-stop").get(60, TimeUnit.SECONDS);
                assertThat(savepoint).contains("before-stop");
                assertThat(Path.of(URI.create(savepoint))).isDirectoryContaining("glob:**/_metadata");
                String stopped = source.stopWithSavepoint(false).get(60, TimeUnit.SECONDS);
                assertThat(Path.of(URI.create(stopped))).isDirectoryContaining("glob:**/_metadata");
                assertThat(job.getJobExecutionResult().get(60, TimeUnit.SECONDS)).isNotNull();
            }
        } catch (Throwable t) {
            job.cancel(); // the local MiniCluster shuts down with its job
            throw t;
        }
    }

    private static List<Long> idsOf(JsonNode history) {
        return java.util.stream.StreamSupport.stream(history.spliterator(), false).map(c -> c.get("id").asLong()).toList();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
