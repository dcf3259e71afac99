package io.checkpointstudio.flink.translate.operators;

import io.checkpointstudio.engine.connector.kafka.KafkaSink;
import io.checkpointstudio.engine.connector.kafka.KafkaSource;
import io.checkpointstudio.engine.connector.postgres.PostgresSink;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Flink translation of every operator type, keyed by the engine's type names, which both {@code flink run}
 * and {@code flink export} look operators up in. A type that cannot run on Flink is registered with the
 * reason instead, which the runner gives when a job uses it; a test fails for any type of the engine's
 * operator registry that has neither.
 */
public final class OperatorTranslations {
    private static final OperatorTranslations STANDARD = builder()
            .translate(DatagenClicksSource.TYPE, new DatagenClicksTranslation())
            .translate(DatagenSequenceSource.TYPE, new DatagenSequenceTranslation())
            .translate(FileSource.TYPE, new FileSourceTranslation())
            .translate(KafkaSource.TYPE, new KafkaSourceTranslation())
            .translate(FilterOperator.TYPE, new FilterTranslation())
            .translate(MapOperator.TYPE, new MapTranslation())
            .translate(FlatMapOperator.TYPE, new FlatMapTranslation())
            .translate(KeyByOperator.TYPE, new KeyByTranslation())
            .translate(KeyedAggregates.SUM.type(), RunningAggregateTranslation.SUM)
            .translate(KeyedAggregates.COUNT.type(), RunningAggregateTranslation.COUNT)
            .translate(KeyedAggregates.MIN.type(), RunningAggregateTranslation.MIN)
            .translate(KeyedAggregates.MAX.type(), RunningAggregateTranslation.MAX)
            .translate(KeyedAggregates.REDUCE.type(), RunningAggregateTranslation.REDUCE)
            .translate(WindowOperator.TYPE, new WindowTranslation())
            .translate(FileSink.TYPE, new FileSinkTranslation())
            .translate(KafkaSink.TYPE, new KafkaSinkTranslation())
            .translate(PrintSink.TYPE, new PrintTranslation())
            .translate(CollectSink.TYPE, new CollectTranslation())
            .translate(ChecksumSink.TYPE, new ChecksumSinkTranslation())
            .translate(PostgresSink.TYPE, new PostgresSinkTranslation())
            .build();

    private final Map<String, OperatorTranslation> translations;
    private final Map<String, String> untranslated;

    private OperatorTranslations(Map<String, OperatorTranslation> translations, Map<String, String> untranslated) {
        this.translations = Collections.unmodifiableMap(new LinkedHashMap<>(translations));
        this.untranslated = Collections.unmodifiableMap(new LinkedHashMap<>(untranslated));
    }

    /** The translations of the built-in operator types. */
    public static OperatorTranslations standard() {
        return STANDARD;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<OperatorTranslation> find(String type) {
        return Optional.ofNullable(translations.get(type));
    }

    /** Why the type has no translation, as stated when it was registered without one. */
    public Optional<String> whyUntranslated(String type) {
        return Optional.ofNullable(untranslated.get(type));
    }

    /** Every type registered here, with a translation or with the reason it has none. */
    public Set<String> types() {
        Set<String> all = new LinkedHashSet<>(translations.keySet());
        all.addAll(untranslated.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** Registers each type once, with its translation or with the reason it has none. */
    public static final class Builder {
        private final Map<String, OperatorTranslation> translations = new LinkedHashMap<>();
        private final Map<String, String> untranslated = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder translate(String type, OperatorTranslation translation) {
            checkNew(type);
            translations.put(type, translation);
            return this;
        }

        /** The type cannot run on Flink, for {@code reason} (said to whoever runs or exports a job with it). */
        public Builder untranslated(String type, String reason) {
            checkNew(type);
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("operator type '" + type + "' is registered without a translation: say why");
            }
            untranslated.put(type, reason);
            return this;
        }

        public OperatorTranslations build() {
            return new OperatorTranslations(translations, untranslated);
        }

        private void checkNew(String type) {
            if (translations.containsKey(type) || untranslated.containsKey(type)) {
                throw new IllegalArgumentException("operator type '" + type + "' registered twice");
            }
        }
    }
}
