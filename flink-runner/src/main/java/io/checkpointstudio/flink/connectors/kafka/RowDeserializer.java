package io.checkpointstudio.flink.connectors.kafka;

import io.checkpointstudio.engine.format.LineParser;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.flink.tasks.OperatorSpecs;
import io.checkpointstudio.flink.tasks.Rows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A kafka-source record's value (UTF-8 text) parsed into a row of the source's schema by the engine's own
 * {@link LineParser}, JSON fields by name or CSV values by position, as the engine's kafka-source parses
 * it: a record without a value is skipped, a value that does not parse fails the task naming the topic,
 * partition and offset.
 */
final class RowDeserializer implements KafkaRecordDeserializationSchema<Row> {
    private static final long serialVersionUID = 1L;

    private final OperatorSpecs spec;
    private transient LineParser parser;
    private transient RecordBatch batch;

    RowDeserializer(OperatorSpecs spec) {
        this.spec = spec;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        Params p = spec.engineParams();
        parser = new LineParser(spec.outputSchema(), TextFormat.valueOf(p.getEnum("format")), p.getString("delimiter").charAt(0));
        batch = RecordBatch.allocate(spec.outputSchema(), 1);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Row> out) throws IOException {
        if (record.value() == null) {
            return;
        }
        try {
            parser.parseInto(new String(record.value(), StandardCharsets.UTF_8), batch, 0);
        } catch (IllegalArgumentException e) {
            throw new IOException(spec.type() + " '" + spec.id() + "': topic " + record.topic() + " partition " + record.partition()
                    + " offset " + record.offset() + ": " + e.getMessage() + "; check params.format and params.schema against the topic's values", e);
        }
        batch.setSize(1);
        out.collect(Rows.fromBatch(batch, 0));
    }

    @Override
    public TypeInformation<Row> getProducedType() {
        return Rows.typeOf(spec.outputSchema());
    }
}
