package io.checkpointstudio.flink.connectors.kafka;

import io.checkpointstudio.engine.connector.kafka.KafkaSettings;
import io.checkpointstudio.engine.format.LineWriter;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.flink.tasks.OperatorSpecs;
import io.checkpointstudio.flink.tasks.Rows;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.types.Row;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A row as the engine's kafka-sink writes it: the value is the JSON object of the engine's {@link LineWriter},
 * the key the text of the key field's value (none without a key field), the record time left to the
 * producer.
 */
final class RowSerializer implements KafkaRecordSerializationSchema<Row> {
    private static final long serialVersionUID = 1L;

    private final OperatorSpecs spec;
    private final String topic;
    private final int keyIndex;
    private transient LineWriter lines;
    private transient RecordBatch batch;
    private transient StringBuilder line;

    RowSerializer(OperatorSpecs spec, String topic, String keyField) {
        this.spec = spec;
        this.topic = topic;
        this.keyIndex = keyField == null || keyField.isBlank() ? -1 : spec.inputSchema().indexOf(keyField);
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        Schema schema = spec.inputSchema();
        lines = new LineWriter(schema, TextFormat.JSON, ',');
        batch = RecordBatch.allocate(schema, 1);
        line = new StringBuilder(256);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Row row, KafkaSinkContext context, Long timestamp) {
        Rows.intoBatch(row, batch);
        line.setLength(0);
        lines.append(line, batch, 0);
        String key = keyIndex < 0 ? null : KafkaSettings.key(row.getField(keyIndex));
        return new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
