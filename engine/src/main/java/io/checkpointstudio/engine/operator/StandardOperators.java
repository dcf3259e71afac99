package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.connector.postgres.PostgresSink;
import io.checkpointstudio.engine.connector.kafka.KafkaSink;
import io.checkpointstudio.engine.connector.kafka.KafkaSource;
import io.checkpointstudio.engine.operator.keyed.KeyByOperator;
import io.checkpointstudio.engine.operator.keyed.KeyedAggregates;
import io.checkpointstudio.engine.operator.sink.ChecksumSink;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.operator.sink.FileSink;
import io.checkpointstudio.engine.operator.sink.PrintSink;
import io.checkpointstudio.engine.operator.source.DatagenClicksSource;
import io.checkpointstudio.engine.operator.source.DatagenSequenceSource;
import io.checkpointstudio.engine.operator.source.FileSource;
import io.checkpointstudio.engine.operator.transform.FilterOperator;
import io.checkpointstudio.engine.operator.transform.FlatMapOperator;
import io.checkpointstudio.engine.operator.transform.MapOperator;
import io.checkpointstudio.engine.operator.window.WindowOperator;
import java.util.ArrayList;
import java.util.List;

/** The built-in operator types, in palette order. */
final class StandardOperators {
    static final OperatorRegistry REGISTRY = new OperatorRegistry(descriptors());

    private StandardOperators() {
    }

    private static List<OperatorDescriptor> descriptors() {
        List<OperatorDescriptor> all = new ArrayList<>();
        all.add(DatagenClicksSource.DESCRIPTOR);
        all.add(DatagenSequenceSource.DESCRIPTOR);
        all.add(FileSource.DESCRIPTOR);
        all.add(KafkaSource.DESCRIPTOR);
        all.add(FilterOperator.DESCRIPTOR);
        all.add(MapOperator.DESCRIPTOR);
        all.add(FlatMapOperator.DESCRIPTOR);
        all.add(KeyByOperator.DESCRIPTOR);
        all.addAll(KeyedAggregates.all());
        all.add(WindowOperator.DESCRIPTOR);
        all.add(FileSink.DESCRIPTOR);
        all.add(KafkaSink.DESCRIPTOR);
        all.add(PrintSink.DESCRIPTOR);
        all.add(CollectSink.DESCRIPTOR);
        all.add(ChecksumSink.DESCRIPTOR);
        all.add(PostgresSink.DESCRIPTOR);
        return all;
    }
}
