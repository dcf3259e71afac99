package io.checkpointstudio.flink.translate.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What {@code flink run} says about each operator once the job has finished: where the Kafka and PostgreSQL
 * sinks wrote (FlinkRunReportTest runs the sinks that need no server), nothing for the other operators.
 */
class SinkReportsTest {
    private static final FinishedSinks NOTHING_HANDED_BACK = new FinishedSinks() {
        @Override
        public Optional<ChecksumSink.Checksum> checksum(String sinkId) {
            return Optional.empty();
        }

        @Override
        public Optional<List<Object[]>> rows(String sinkId) {
            return Optional.empty();
        }
    };

    @Test
    void kafkaAndPostgresSinks_sayWhereTheyWrote_otherOperatorsNothing() throws Exception {
        ValidatedJob job = JobValidator.standard().validate(JobDocuments.parse("""
                {"format": "checkpoint-studio/job@1", "name": "copy", "config": {},
                 "operators": [
                   {"id": "in", "type": "kafka-source", "params": {"bootstrapServers": "k:9092", "topics": "a",
                     "schema": [{"name": "userId", "type": "long"}]}},
                   {"id": "copy", "type": "kafka-sink", "params": {"bootstrapServers": "k:9092", "topic": "c"}},
                   {"id": "rows", "type": "postgres-sink", "params": {"url": "jdbc:postgresql://db:5433/x", "table": "t",
                     "upsertKey": "userId", "semantic": "AT_LEAST_ONCE"}},
                   {"id": "shown", "type": "print", "params": {}}],
                 "edges": [["in", "copy"], ["in", "rows"], ["in", "shown"]]}
                """).document().orElseThrow()).orThrow();

        assertThat(report(job, "copy")).contains("records in topic c at k:9092");
        assertThat(report(job, "rows")).contains("rows in table t at db:5433");
        assertThat(report(job, "in")).isEmpty();
        assertThat(report(job, "shown")).isEmpty();
    }

    private static Optional<String> report(ValidatedJob job, String id) {
        ValidatedOperator op = job.operator(id).orElseThrow();
        return OperatorTranslations.standard().find(op.descriptor().type()).orElseThrow().report(op, NOTHING_HANDED_BACK);
    }
}
