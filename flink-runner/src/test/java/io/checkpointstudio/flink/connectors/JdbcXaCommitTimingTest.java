package io.checkpointstudio.flink.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.connector.TestServers;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.connectors.postgres.PostgresSinks;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Why postgres-sink with mode APPEND and semantic EXACTLY_ONCE is refused on Flink: the exactly-once (XA)
 * sink of flink-connector-jdbc 4.0.0-2.0 commits a checkpoint's transaction when the sink takes its
 * snapshot, before the checkpoint completes. Here a checkpoint fails after the sink's snapshot (another
 * operator fails it), the job restores the checkpoint before, replays the rows since, and the sink writes
 * rows it had already committed a second time. With UPSERT those writes repeat the same rows; with APPEND
 * they are duplicates. When this test fails, the connector commits on completion and the refusal can go.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JdbcXaCommitTimingTest {
    private static final long NUMBERS = 6000;
    private static final long FAILING_CHECKPOINT = 3;

    private final List<String> tables = new ArrayList<>();

    @AfterEach
    void dropTables() throws Exception {
        Servers.dropTables(tables);
    }

    @Test
    void appendExactlyOnce_aCheckpointFailingAfterTheSinksSnapshot_writesRowsTwice() throws Exception {
        String table = "flink_xa_timing_" + Servers.unique();
        tables.add(table);
        ValidatedJob job = JobValidator.standard().validate(JobDocuments.parse("""
                {"format": "checkpoint-studio/job@1", "name": "xa-timing", "config": {},
                 "operators": [
                   {"id": "numbers", "type": "datagen-sequence", "params": {"from": 0, "to": %d}},
                   {"id": "out", "type": "postgres-sink", "params": {"url": "%s", "table": "%s", "mode": "APPEND", "semantic": "EXACTLY_ONCE"}}],
                 "edges": [["numbers", "out"]]}
                """.formatted(NUMBERS - 1, TestServers.PG_URL, table)).document().orElseThrow()).orThrow();

        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "200ms");
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "1");
        conf.setString("restart-strategy.fixed-delay.delay", "0ms");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        DataStream<Row> numbers = env.fromSource(new DataGeneratorSource<>(i -> Row.of(i), NUMBERS, RateLimiterStrategy.perSecond(3000),
                Types.ROW_NAMED(new String[] {"value"}, Types.LONG)), WatermarkStrategy.noWatermarks(), "numbers");
        numbers.sinkTo(PostgresSinks.from(job.operator("out").orElseThrow())).name("out");
        numbers.map(new FailsCheckpointAfterASecond(FAILING_CHECKPOINT)).returns(numbers.getType()).disableChaining()
                .sinkTo(new DiscardingSink<>());
        env.execute("xa-timing");

        long rows;
        long distinct;
        try (Connection c = Servers.postgres(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT \"value\") FROM \"" + table + "\"")) {
            rs.next();
            rows = rs.getLong(1);
            distinct = rs.getLong(2);
        }
        assertThat(distinct).as("every number written").isEqualTo(NUMBERS);
        assertThat(rows).as("rows committed at the failed checkpoint's sink snapshot, written again after the restore")
                .isGreaterThan(NUMBERS);
    }

    /** Fails the given checkpoint of the first attempt a second after its barrier, long after the sink has snapshotted. */
    private static final class FailsCheckpointAfterASecond extends RichMapFunction<Row, Row> implements CheckpointedFunction {
        private final long checkpoint;

        FailsCheckpointAfterASecond(long checkpoint) {
            this.checkpoint = checkpoint;
        }

        @Override
        public Row map(Row row) {
            return row;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            if (context.getCheckpointId() == checkpoint && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
                Thread.sleep(1000);
                throw new IllegalStateException("checkpoint " + checkpoint + " fails here, after the sink's snapshot");
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
        }
    }
}
