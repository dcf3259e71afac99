package io.checkpointstudio.flink.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.flink.tasks.OperatorSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** kafka-source values on Flink are parsed as the engine parses them: CSV by position, null values skipped, bad values named by offset. */
class RowDeserializerTest {
    @Test
    void csvValues_parsedByTheEnginesLineParser_nullValuesSkipped() throws Exception {
        RowDeserializer deserializer = deserializer("CSV", ";");
        List<Row> rows = new ArrayList<>();

        deserializer.deserialize(record(0, "7;true;1000"), collector(rows));
        deserializer.deserialize(new ConsumerRecord<>("clicks", 0, 1, null, null), collector(rows));
        deserializer.deserialize(record(2, "8;false;2000"), collector(rows));

        assertThat(rows).containsExactly(Row.of(7L, true, 1000L), Row.of(8L, false, 2000L));
        assertThat(deserializer.getProducedType().getArity()).isEqualTo(3);
    }

    @Test
    void valueThatDoesNotParse_failsNamingTheOperatorTopicPartitionAndOffset() throws Exception {
        RowDeserializer deserializer = deserializer("JSON", ",");

        assertThatThrownBy(() -> deserializer.deserialize(record(41, "{\"userId\": \"seven\"}"), collector(new ArrayList<>())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("kafka-source 'clicks': topic clicks partition 3 offset 41")
                .hasMessageContaining("params.format");
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        return new ConsumerRecord<>("clicks", 3, offset, null, value.getBytes(StandardCharsets.UTF_8));
    }

    private static RowDeserializer deserializer(String format, String delimiter) throws Exception {
        ValidatedOperator op = JobValidator.standard().validate(JobDocuments.parse("""
                {"format": "checkpoint-studio/job@1", "name": "values", "config": {},
                 "operators": [
                   {"id": "clicks", "type": "kafka-source", "params": {"bootstrapServers": "k:9092", "topics": "clicks", "format": "%s",
                     "delimiter": "%s",
                     "schema": [{"name": "userId", "type": "long"}, {"name": "loggedIn", "type": "boolean"}, {"name": "ts", "type": "long"}]}},
                   {"id": "out", "type": "print", "params": {}}],
                 "edges": [["clicks", "out"]]}
                """.formatted(format, delimiter)).document().orElseThrow()).orThrow().operator("clicks").orElseThrow();
        RowDeserializer deserializer = new RowDeserializer(OperatorSpecs.of(op));
        deserializer.open(null);
        return deserializer;
    }

    private static Collector<Row> collector(List<Row> rows) {
        return new Collector<>() {
            @Override
            public void collect(Row row) {
                rows.add(row);
            }

            @Override
            public void close() {
            }
        };
    }
}
