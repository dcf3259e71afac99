package io.checkpointstudio.engine.recovery;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure caused by the records themselves (a null key, an expression failing on a value, a line that does
 * not parse) comes back after every restore, because the restore replays the same records. With a restart
 * strategy that allows many restarts, the job ends after the second identical failure instead of looping.
 */
class RecordFailureRestartTest {
    private static final List<Map<String, Object>> VISITS = List.of(
            map("name", "name", "type", "string"), map("name", "visits", "type", "long"));

    @TempDir
    Path dir;

    private Map<String, Object> config() {
        return map("parallelism.default", 1,
                "execution.checkpointing.interval", "50ms",
                "execution.checkpointing.dir", dir.resolve("chk").toString(),
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", 100,
                "restart-strategy.fixed-delay.delay", "10ms");
    }

    @Test
    void aNullKey_endsTheJobAfterItFailedTwiceTheSameWay() throws Exception {
        Path file = Files.write(dir.resolve("visits.jsonl"), List.of("{\"name\": \"ann\", \"visits\": 1}", "{\"visits\": 2}"));
        JobResult result = runToEnd(chain(config(),
                op("visits", "file-source", "path", file.toString(), "schema", VISITS),
                op("by-name", "key-by", "key", "name"),
                op("total", "sum", "field", "visits"),
                op("out", "collect")), 1);

        assertThat(result.failure()).hasMessageContaining("failed again on the same records")
                .hasMessageContaining("restarting replays them and cannot help")
                .hasMessageContaining("key-by 'by-name': field 'name' is null");
    }

    @Test
    void anExpressionFailingOnAValue_endsTheJobAfterItFailedTwiceTheSameWay() throws Exception {
        JobResult result = runToEnd(chain(config(),
                op("seq", "datagen-sequence", "from", 1L, "to", 1000L),
                op("inverse", "map", "fields", map("value", "value", "inverse", "100 / (value - 500)")),
                op("out", "collect")), 1);

        assertThat(result.failure()).hasMessageContaining("failed again on the same records")
                .hasMessageContaining("ArithmeticException");
    }

    @Test
    void aLineThatDoesNotParse_endsTheJobAfterItFailedTwiceTheSameWay() throws Exception {
        Path file = Files.write(dir.resolve("visits.jsonl"), List.of("{\"name\": \"ann\", \"visits\": 1}", "{\"name\": \"bob\", \"visits\": \"many\"}"));
        JobResult result = runToEnd(chain(config(),
                op("visits", "file-source", "path", file.toString(), "schema", VISITS),
                op("out", "collect")), 1);

        assertThat(result.failure()).hasMessageContaining("failed again on the same records").hasMessageContaining("line 2");
    }

    @Test
    void anInjectedFailure_isLeftToTheRestartStrategy() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords("inverse", 0, 100);
        try (JobExecution execution = ExactlyOnceRecoveryTest.start(chain(config(),
                op("seq", "datagen-sequence", "from", 1L, "to", 1000L),
                op("inverse", "map", "fields", map("value", "value")),
                op("out", "collect")), faults)) {
            assertThat(Recovery.awaitEnd(execution).status()).isEqualTo(JobStatus.FINISHED);
            assertThat(execution.restores()).hasSize(1);
        }
    }

    private static JobResult runToEnd(JobDocument job, int expectedRestores) throws Exception {
        try (JobExecution execution = ExactlyOnceRecoveryTest.start(job, new FaultInjector())) {
            JobResult result = Recovery.awaitEnd(execution);
            assertThat(result.status()).isEqualTo(JobStatus.FAILED);
            assertThat(execution.restores()).as("restarts before the job gave up").hasSize(expectedRestores);
            return result;
        }
    }
}
