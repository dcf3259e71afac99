package io.checkpointstudio.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.record.FieldType;
import org.junit.jupiter.api.Test;

class ReducerTest {
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    @Test
    void longReducer_sums() throws Exception {
        Reducer sum = compiler.compileReducer("acc + value", FieldType.LONG, "acc", "value");
        long acc = 0;
        for (long v = 1; v <= 100; v++) {
            acc = sum.reduceLong(acc, v);
        }
        assertThat(acc).isEqualTo(5050L);
    }

    @Test
    void longReducer_acceptsAnIntResult() throws Exception {
        Reducer r = compiler.compileReducer("Long.compare(a, b)", FieldType.LONG, "a", "b");
        assertThat(r.reduceLong(1, 2)).isEqualTo(-1L);
    }

    @Test
    void doubleReducer_takesTheMaximum() throws Exception {
        Reducer max = compiler.compileReducer("Math.max(acc, value)", FieldType.DOUBLE, "acc", "value");
        assertThat(max.reduceDouble(1.5, -2.0)).isEqualTo(1.5);
        assertThat(max.reduceDouble(1.5, 7.25)).isEqualTo(7.25);
    }

    @Test
    void doubleReducer_acceptsALongResult() throws Exception {
        Reducer r = compiler.compileReducer("Math.round(acc) + 1", FieldType.DOUBLE, "acc", "value");
        assertThat(r.reduceDouble(1.6, 0)).isEqualTo(3.0);
    }

    @Test
    void booleanReducer_ors() throws Exception {
        Reducer any = compiler.compileReducer("seen || now", FieldType.BOOLEAN, "seen", "now");
        assertThat(any.reduceBoolean(false, false)).isFalse();
        assertThat(any.reduceBoolean(false, true)).isTrue();
    }

    @Test
    void stringReducer_concatenates() throws Exception {
        Reducer join = compiler.compileReducer("acc.isEmpty() ? value : acc + \",\" + value", FieldType.STRING, "acc", "value");
        assertThat(join.reduceString(join.reduceString("", "a"), "b")).isEqualTo("a,b");
    }

    @Test
    void reducer_throwsForTheTypesItWasNotCompiledFor() throws Exception {
        Reducer sum = compiler.compileReducer("acc + value", FieldType.LONG, "acc", "value");
        assertThatThrownBy(() -> sum.reduceDouble(1, 2)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("this reducer was not compiled for double values");
        assertThatThrownBy(() -> sum.reduceString("a", "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sum.reduceBoolean(true, false)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reducer_isSandboxedLikeEveryExpression() {
        assertThatThrownBy(() -> compiler.compileReducer("System.exit(1)", FieldType.LONG, "acc", "value"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("`System.exit` is not allowed");
        assertThatThrownBy(() -> compiler.compileReducer("acc = value", FieldType.LONG, "acc", "value"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("assignment is not allowed");
    }
}
