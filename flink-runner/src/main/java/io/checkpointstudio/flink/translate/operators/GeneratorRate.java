package io.checkpointstudio.flink.translate.operators;

import io.checkpointstudio.engine.operator.Params;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;

/** A generator source's {@code eventsPerSecond} as the rate limit of Flink's {@code DataGeneratorSource} (0: none). */
final class GeneratorRate {
    private GeneratorRate() {
    }

    static RateLimiterStrategy<NumberSequenceSplit> strategy(Params p) {
        long perSecond = p.getLong("eventsPerSecond");
        return perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp();
    }

    /** {@link #strategy} as Java source. */
    static String code(Params p) {
        long perSecond = p.getLong("eventsPerSecond");
        return perSecond > 0 ? "RateLimiterStrategy.perSecond(" + perSecond + ")" : "RateLimiterStrategy.noOp()";
    }
}
