package io.checkpointstudio.engine.expression;

import static io.checkpointstudio.engine.expression.TestSchemas.CLICKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchFilterTest {
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    /** Rows of (userId, loggedIn, ts, name, a, b). */
    private static RecordBatch clicks(Object[]... rows) {
        RecordBatch batch = RecordBatch.allocate(CLICKS, Math.max(rows.length, 1));
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                batch.setValue(r, c, rows[r][c]);
            }
        }
        batch.setSize(rows.length);
        return batch;
    }

    private static List<List<Object>> rows(RecordBatch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.size(); r++) {
            rows.add(List.of(batch.row(r)));
        }
        return rows;
    }

    @Test
    void filter_keepsMatchingRecordsInOrderAndCompactsEveryColumn() throws Exception {
        RecordBatch batch = clicks(
                new Object[] {1L, true, 10L, "ann", 1.5, 7L},
                new Object[] {2L, false, 20L, "bob", 2.5, 8L},
                new Object[] {3L, true, 30L, "cid", 3.5, 9L},
                new Object[] {4L, false, 40L, "dan", 4.5, 10L},
                new Object[] {5L, true, 50L, "eve", 5.5, 11L});

        int kept = compiler.compileFilter("loggedIn", CLICKS).filter(batch);

        assertThat(kept).isEqualTo(3);
        assertThat(batch.size()).isEqualTo(3);
        assertThat(rows(batch)).containsExactly(
                List.of(1L, true, 10L, "ann", 1.5, 7L),
                List.of(3L, true, 30L, "cid", 3.5, 9L),
                List.of(5L, true, 50L, "eve", 5.5, 11L));
    }

    @Test
    void filter_overSeveralFieldsAndStrings() throws Exception {
        RecordBatch batch = clicks(
                new Object[] {2L, false, 0L, "Alice", 0.0, 0L},
                new Object[] {4L, true, 0L, "Andy", 0.0, 0L},
                new Object[] {6L, false, 0L, "bob", 0.0, 0L},
                new Object[] {7L, false, 0L, "Ann", 0.0, 0L});

        compiler.compileFilter("userId % 2 == 0 && !loggedIn && name.toUpperCase().startsWith(\"A\")", CLICKS)
                .filter(batch);

        assertThat(rows(batch)).extracting(r -> r.get(3)).containsExactly("Alice");
    }

    @Test
    void filter_thatKeepsEverything_leavesTheBatchAsItWas() throws Exception {
        RecordBatch batch = clicks(new Object[] {1L, true, 1L, "x", 1.0, 1L}, new Object[] {2L, true, 2L, "y", 2.0, 2L});
        assertThat(compiler.compileFilter("true", CLICKS).filter(batch)).isEqualTo(2);
        assertThat(rows(batch)).extracting(r -> r.get(0)).containsExactly(1L, 2L);
    }

    @Test
    void filter_thatKeepsNothing_emptiesTheBatch() throws Exception {
        RecordBatch batch = clicks(new Object[] {1L, true, 1L, "x", 1.0, 1L});
        assertThat(compiler.compileFilter("userId > 100", CLICKS).filter(batch)).isZero();
        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void filter_ofAnEmptyBatch_isANoOp() throws Exception {
        RecordBatch batch = clicks();
        assertThat(compiler.compileFilter("loggedIn", CLICKS).filter(batch)).isZero();
    }

    @Test
    void filter_isReusableAcrossBatches() throws Exception {
        BatchFilter filter = compiler.compileFilter("ts >= 20", CLICKS);
        for (int round = 0; round < 3; round++) {
            RecordBatch batch = clicks(new Object[] {1L, true, 10L, "a", 0.0, 0L}, new Object[] {2L, true, 20L, "b", 0.0, 0L});
            assertThat(filter.filter(batch)).isEqualTo(1);
            assertThat(batch.value(0, 0)).isEqualTo(2L);
        }
    }

    @Test
    void filter_withFieldsNamedLikeTheGeneratedLocals_stillWorks() throws Exception {
        Schema schema = Schema.of(new Field("i", FieldType.LONG), new Field("n", FieldType.LONG),
                new Field("k", FieldType.LONG), new Field("$batch", FieldType.LONG), new Field("$c0", FieldType.BOOLEAN));
        RecordBatch batch = RecordBatch.allocate(schema, 3);
        for (int r = 0; r < 3; r++) {
            batch.setValue(r, 0, (long) r);
            batch.setValue(r, 1, 10L);
            batch.setValue(r, 2, 1L);
            batch.setValue(r, 3, (long) r * 100);
            batch.setValue(r, 4, r != 1);
        }
        batch.setSize(3);

        compiler.compileFilter("i < n && k == 1 && $batch >= 0 && $c0", schema).filter(batch);

        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.value(0, 3)).isEqualTo(0L);
        assertThat(batch.value(1, 3)).isEqualTo(200L);
    }

    @Test
    void filter_usesTheDateFunctions() throws Exception {
        long morning = ExpressionFunctions.epochMillis("2024-05-06T09:30:00Z"); // a Monday
        long evening = ExpressionFunctions.epochMillis("2024-05-11T21:00:00Z"); // a Saturday
        RecordBatch batch = clicks(new Object[] {1L, true, morning, "x", 0.0, 0L}, new Object[] {2L, true, evening, "y", 0.0, 0L});

        compiler.compileFilter("hourOf(ts) < 12 && dayOfWeek(ts) == 1", CLICKS).filter(batch);

        assertThat(rows(batch)).extracting(r -> r.get(0)).containsExactly(1L);
    }

    @Test
    void conditionThatFailsOnARecord_throwsFromFilter_namingTheOperatorAndTheCondition() throws Exception {
        BatchFilter filter = compiler.compileFilter("Long.parseLong(name) > 0", CLICKS, "operator 'numbers' (filter)");
        RecordBatch batch = clicks(new Object[] {1L, true, 1L, "not a number", 0.0, 0L});
        assertThatThrownBy(() -> filter.filter(batch))
                .isInstanceOf(ExpressionFailedException.class)
                .hasCauseInstanceOf(NumberFormatException.class)
                .hasMessage("operator 'numbers' (filter): condition `Long.parseLong(name) > 0` failed: NumberFormatException:"
                        + " For input string: \"not a number\"");
    }
}
