package io.checkpointstudio.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/**
 * The filter and map of the "clicks" workload (bench/WORKLOAD.md) run batch by batch over generated events and
 * checked against counts computed directly from the generator. A correctness check shaped like the benchmark;
 * it measures nothing.
 */
class ClicksPipelineSanityTest {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final long SEED = 42;
    private static final int EVENTS = 1_000_000;
    private static final int USERS = 10_000;
    private static final int BATCH = 4_096;

    private static final Schema CLICK_EVENTS = Schema.of(
            new Field("userId", FieldType.LONG), new Field("loggedIn", FieldType.BOOLEAN), new Field("ts", FieldType.LONG));

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long userId(long i) {
        return Long.remainderUnsigned(mix64(SEED + (2 * i + 1) * GAMMA), USERS);
    }

    private static boolean loggedIn(long i) {
        return Long.remainderUnsigned(mix64(SEED + (2 * i + 2) * GAMMA), 10) < 8;
    }

    @Test
    void filterThenMap_countsClicksPerUserLikeTheGenerator() throws Exception {
        ExpressionCompiler compiler = new ExpressionCompiler();
        BatchFilter loggedInOnly = compiler.compileFilter("loggedIn", CLICK_EVENTS);
        LinkedHashMap<String, String> pair = new LinkedHashMap<>();
        pair.put("userId", "userId");
        pair.put("clicks", "1L");
        BatchProjection toPair = compiler.compileProjection(pair, CLICK_EVENTS);
        Reducer sum = compiler.compileReducer("acc + value", FieldType.LONG, "acc", "value");

        long[] counts = new long[USERS];
        RecordBatch batch = RecordBatch.allocate(CLICK_EVENTS, BATCH);
        for (long start = 0; start < EVENTS; start += BATCH) {
            int n = (int) Math.min(BATCH, EVENTS - start);
            long[] ids = batch.longs(0);
            boolean[] in = batch.booleans(1);
            long[] ts = batch.longs(2);
            for (int r = 0; r < n; r++) {
                ids[r] = userId(start + r);
                in[r] = loggedIn(start + r);
                ts[r] = start + r;
            }
            batch.setSize(n);
            loggedInOnly.filter(batch);
            RecordBatch pairs = toPair.project(batch);
            long[] users = pairs.longs(0);
            long[] clicks = pairs.longs(1);
            for (int r = 0; r < pairs.size(); r++) {
                int user = (int) users[r];
                counts[user] = sum.reduceLong(counts[user], clicks[r]);
            }
        }

        long[] expected = new long[USERS];
        long loggedInEvents = 0;
        for (long i = 0; i < EVENTS; i++) {
            if (loggedIn(i)) {
                expected[(int) userId(i)]++;
                loggedInEvents++;
            }
        }
        assertThat(counts).isEqualTo(expected);
        assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(loggedInEvents);
        assertThat(loggedInEvents).isBetween((long) (EVENTS * 0.79), (long) (EVENTS * 0.81));
    }
}
