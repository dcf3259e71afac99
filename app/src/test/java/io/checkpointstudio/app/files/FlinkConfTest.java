package io.checkpointstudio.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkConfTest {

    @Test
    void whenFlatAndNestedKeysAreRead_thenKnownOnesAreTypedAndUnknownOnesReported() {
        FlinkConf.Import r = FlinkConf.parse("""
                execution.checkpointing.interval: 3min   # every three minutes
                execution:
                  checkpointing:
                    mode: "EXACTLY_ONCE"
                    max-concurrent-checkpoints: 1
                    unaligned: false
                state.checkpoints.dir: hdfs://namenode-host:9000/flink-checkpoints
                jobmanager.memory.process.size: 1600m
                """);
        assertThat(r.values()).containsEntry("execution.checkpointing.interval", "3min")
                .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
                .containsEntry("execution.checkpointing.max-concurrent-checkpoints", 1)
                .containsEntry("execution.checkpointing.unaligned", false)
                .containsEntry("state.checkpoints.dir", "hdfs://namenode-host:9000/flink-checkpoints");
        assertThat(r.unknownKeys()).containsExactly("jobmanager.memory.process.size");
    }

    @Test
    void whenExported_thenItReadsBackTheSame() {
        var config = new java.util.LinkedHashMap<String, Object>();
        config.put("execution.checkpointing.interval", "30s");
        config.put("parallelism.default", 2);
        assertThat(FlinkConf.parse(FlinkConf.write(config, "job")).values()).isEqualTo(config);
    }
}
