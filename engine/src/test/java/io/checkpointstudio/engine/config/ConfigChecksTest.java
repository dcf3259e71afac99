package io.checkpointstudio.engine.config;

import static io.checkpointstudio.engine.config.JobConfigTest.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.Problem;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {

    @Test
    void unalignedWithAtLeastOnce_isAnError() {
        assertThat(problemsOf("execution.checkpointing.unaligned.enabled", true,
                "execution.checkpointing.mode", "AT_LEAST_ONCE")).containsExactly(
                Problem.error("config.execution.checkpointing.unaligned.enabled",
                        "unaligned checkpoints need EXACTLY_ONCE, but 'execution.checkpointing.mode' is AT_LEAST_ONCE"));
    }

    @Test
    void unalignedUnderItsOlderName_isNamedAsWritten() {
        assertThat(problemsOf("execution.checkpointing.unaligned", true,
                "execution.checkpointing.max-concurrent-checkpoints", 2)).containsExactly(
                Problem.warning("config.execution.checkpointing.unaligned",
                        "'execution.checkpointing.unaligned' is an older name; Flink 2.x prefers"
                                + " 'execution.checkpointing.unaligned.enabled'"),
                Problem.error("config.execution.checkpointing.unaligned",
                        "unaligned checkpoints need 'execution.checkpointing.max-concurrent-checkpoints' to be 1,"
                                + " but it is 2"));
    }

    @Test
    void unalignedWithExactlyOnceAndOneCheckpoint_isFine() {
        assertThat(problemsOf("execution.checkpointing.interval", "10s",
                "execution.checkpointing.unaligned.enabled", true,
                "execution.checkpointing.aligned-checkpoint-timeout", "30s")).isEmpty();
    }

    @Test
    void alignedTimeoutWithoutUnaligned_isAWarning() {
        assertThat(problemsOf("execution.checkpointing.aligned-checkpoint-timeout", "30s")).containsExactly(
                Problem.warning("config.execution.checkpointing.aligned-checkpoint-timeout",
                        "has no effect unless 'execution.checkpointing.unaligned.enabled' is true"));
    }

    @Test
    void minPauseLongerThanInterval_isAWarning() {
        assertThat(problemsOf("execution.checkpointing.interval", "1min",
                "execution.checkpointing.min-pause", "2min")).containsExactly(
                Problem.warning("config.execution.checkpointing.min-pause",
                        "the minimum pause (2min) is longer than the interval (1min), so checkpoints start less often"
                                + " than 'execution.checkpointing.interval' says"));
    }

    @Test
    void minPauseWithoutCheckpointing_isNotChecked() {
        assertThat(problemsOf("execution.checkpointing.min-pause", "2min")).isEmpty();
        assertThat(problemsOf("execution.checkpointing.interval", 0, "execution.checkpointing.min-pause", "2min"))
                .isEmpty();
    }

    @Test
    void incrementalWithHashmap_isAWarning() {
        Problem expected = Problem.warning("config.state.backend.incremental",
                "has no effect with the hashmap state backend, which always writes full checkpoints;"
                        + " set 'state.backend.type' to rocksdb");
        assertThat(problemsOf("execution.checkpointing.interval", "1min", "state.backend.incremental", true))
                .contains(expected);
        assertThat(problemsOf("state.backend.type", "hashmap", "state.backend.incremental", true))
                .contains(expected);
    }

    @Test
    void incrementalWithRocksdb_isFine() {
        assertThat(problemsOf("state.backend.type", "rocksdb", "execution.checkpointing.incremental", true)).isEmpty();
    }

    @Test
    void intervalBelowTenMilliseconds_isAnError() {
        assertThat(problemsOf("execution.checkpointing.interval", "5ms")).containsExactly(
                Problem.error("config.execution.checkpointing.interval",
                        "must be 0 (no checkpoints) or at least 10ms, got 5ms"));
        assertThat(problemsOf("execution.checkpointing.interval", "10ms")).isEmpty();
    }

    @Test
    void parallelismAboveMaxParallelism_isAnError() {
        assertThat(problemsOf("parallelism.default", 200)).containsExactly(
                Problem.error("config.parallelism.default",
                        "must not be larger than 'pipeline.max-parallelism' (128), got 200"));
        assertThat(problemsOf("parallelism.default", 200, "pipeline.max-parallelism", 256)).isEmpty();
    }

    @Test
    void restartOptionsOfAnotherStrategy_areAWarning() {
        assertThat(problemsOf("restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", 3,
                "restart-strategy.failure-rate.delay", "5s")).containsExactly(
                Problem.warning("config.restart-strategy.failure-rate.delay",
                        "has no effect: the restart strategy is fixed-delay"));
    }

    @Test
    void restartOptionsWithoutAStrategy_explainTheDefault() {
        assertThat(problemsOf("restart-strategy.fixed-delay.attempts", 3)).containsExactly(
                Problem.warning("config.restart-strategy.fixed-delay.attempts",
                        "has no effect: the restart strategy is none because 'restart-strategy.type' is not set"));
        assertThat(problemsOf("execution.checkpointing.interval", "1min",
                "restart-strategy.exponential-delay.max-backoff", "5min")).isEmpty();
    }

    @Test
    void restartStrategyAlias_countsAsItsStrategy() {
        assertThat(problemsOf("restart-strategy", "fixeddelay", "restart-strategy.fixed-delay.delay", "10s"))
                .extracting(Problem::severity).containsOnly(Problem.Severity.WARNING).hasSize(1);
    }

    @Test
    void backoffRules_ofFlinksExponentialDelay() {
        assertThat(problemsOf("restart-strategy.type", "exponential-delay",
                "restart-strategy.exponential-delay.backoff-multiplier", 1,
                "restart-strategy.exponential-delay.initial-backoff", "2min")).containsExactly(
                Problem.error("config.restart-strategy.exponential-delay.backoff-multiplier",
                        "must be larger than 1, got 1.0"),
                Problem.error("config.restart-strategy.exponential-delay.initial-backoff",
                        "must not be longer than 'restart-strategy.exponential-delay.max-backoff' (1min), got 2min"));
    }

    @Test
    void remoteDirectory_isAWarningForTheEmbeddedEngine() {
        assertThat(problemsOf("state.checkpoints.dir", "hdfs://namenode:8020/flink-checkpoints")).containsExactly(
                Problem.warning("config.state.checkpoints.dir",
                        "'state.checkpoints.dir' is an older name; Flink 2.x prefers 'execution.checkpointing.dir'"),
                Problem.warning("config.state.checkpoints.dir",
                        "the embedded engine reads and writes local files only (a plain path or file://);"
                                + " 'hdfs://namenode:8020/flink-checkpoints' works when the job runs on Apache Flink"));
    }

    @Test
    void localDirectories_areFine() {
        assertThat(problemsOf("execution.checkpointing.dir", "file:///tmp/checkpoints",
                "execution.checkpointing.savepoint-dir", "/tmp/savepoints",
                "execution.state-recovery.path", "C:\\savepoints\\savepoint-1")).isEmpty();
    }
}
