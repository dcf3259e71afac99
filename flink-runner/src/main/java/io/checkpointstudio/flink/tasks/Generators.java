package io.checkpointstudio.flink.tasks;

import io.checkpointstudio.engine.operator.source.ClickEvents;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.types.Row;

/**
 * The engine's generators as Flink {@link GeneratorFunction}s over the sequence numbers of a
 * {@code DataGeneratorSource}: record {@code i} is the same pure function of {@code i} as in the engine, so
 * both engines produce exactly the same records (possibly in another order across subtasks).
 */
public final class Generators {
    private Generators() {
    }

    /** datagen-clicks: event i is {@code (userId, loggedIn, ts = i)} from the workload's SplitMix64 generator. */
    public record Clicks(long seed, long users) implements GeneratorFunction<Long, Row> {
        @Override
        public Row map(Long i) {
            return Row.of(ClickEvents.userId(seed, i, users), ClickEvents.loggedIn(seed, i), i);
        }
    }

    /** datagen-sequence: number i of the sequence is {@code from + i}. */
    public record Sequence(long from) implements GeneratorFunction<Long, Row> {
        @Override
        public Row map(Long i) {
            return Row.of(from + i);
        }
    }
}
