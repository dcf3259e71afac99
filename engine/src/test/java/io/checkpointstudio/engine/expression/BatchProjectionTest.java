package io.checkpointstudio.engine.expression;

import static io.checkpointstudio.engine.expression.TestSchemas.CLICKS;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class BatchProjectionTest {
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    private static LinkedHashMap<String, String> fields(String... nameThenExpression) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameThenExpression.length; i += 2) {
            fields.put(nameThenExpression[i], nameThenExpression[i + 1]);
        }
        return fields;
    }

    private static RecordBatch clicks(int size, int capacity) {
        RecordBatch batch = RecordBatch.allocate(CLICKS, capacity);
        for (int r = 0; r < size; r++) {
            batch.setValue(r, 0, (long) r);
            batch.setValue(r, 1, r % 2 == 0);
            batch.setValue(r, 2, 1_000L * r);
            batch.setValue(r, 3, "user" + r);
            batch.setValue(r, 4, r + 0.5);
            batch.setValue(r, 5, 10L - r);
        }
        batch.setSize(size);
        return batch;
    }

    @Test
    void outputSchema_hasTheInferredTypesInMapOrder() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields(
                "userId", "userId",
                "clicks", "1L",
                "half", "userId / 2.0",
                "odd", "userId % 2 == 1",
                "label", "name + \"!\"",
                "len", "name.length()"), CLICKS);

        assertThat(projection.outputSchema()).isEqualTo(Schema.of(
                new Field("userId", FieldType.LONG),
                new Field("clicks", FieldType.LONG),
                new Field("half", FieldType.DOUBLE),
                new Field("odd", FieldType.BOOLEAN),
                new Field("label", FieldType.STRING),
                new Field("len", FieldType.LONG)));
    }

    @Test
    void project_computesEveryColumnForEveryRecord() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields(
                "half", "userId / 2.0",
                "odd", "userId % 2 == 1",
                "label", "name + \"!\"",
                "len", "name.length()",
                "best", "Math.max(a, b) * 2.5"), CLICKS);
        RecordBatch in = clicks(4, 8);

        RecordBatch out = projection.project(in);

        assertThat(out.size()).isEqualTo(4);
        assertThat(out.doubles(0)).containsExactly(0.0, 0.5, 1.0, 1.5);
        assertThat(out.booleans(1)).containsExactly(false, true, false, true);
        assertThat(out.strings(2)).containsExactly("user0!", "user1!", "user2!", "user3!");
        assertThat(out.longs(3)).containsExactly(5L, 5L, 5L, 5L);
        assertThat(out.doubles(4)).containsExactly(25.0, 22.5, 20.0, 17.5);
    }

    @Test
    void plainFieldReference_reusesTheInputColumn() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields("id", "userId", "who", "(name)"), CLICKS);
        RecordBatch in = clicks(3, 8);

        RecordBatch out = projection.project(in);

        assertThat(out.column(0)).isSameAs(in.column(0));
        assertThat(out.column(1)).isSameAs(in.column(3));
        assertThat(out.size()).isEqualTo(3);
    }

    @Test
    void secondReferenceToTheSameField_getsACopySoNoTwoColumnsShareAnArray() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields("id", "userId", "key", "userId"), CLICKS);
        RecordBatch in = clicks(3, 8);

        RecordBatch out = projection.project(in);

        assertThat(out.column(0)).isSameAs(in.column(0));
        assertThat(out.column(1)).isNotSameAs(out.column(0));
        assertThat(out.longs(1)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void computedColumns_areFreshArraysSizedToTheBatch() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields("next", "userId + 1"), CLICKS);
        RecordBatch in = clicks(3, 100);

        RecordBatch out = projection.project(in);

        assertThat(out.longs(0)).hasSize(3).containsExactly(1L, 2L, 3L);
    }

    @Test
    void constants_areFilledIntoEveryRecord() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields(
                "userId", "userId", "clicks", "1L", "tag", "\"web\"", "pi", "Math.PI", "flag", "true"), CLICKS);

        RecordBatch out = projection.project(clicks(3, 8));

        assertThat(out.longs(1)).containsExactly(1L, 1L, 1L);
        assertThat(out.strings(2)).containsExactly("web", "web", "web");
        assertThat(out.doubles(3)).containsExactly(Math.PI, Math.PI, Math.PI);
        assertThat(out.booleans(4)).containsExactly(true, true, true);
    }

    @Test
    void constantThatWouldThrow_isNotEvaluatedForAnEmptyBatch() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields("x", "Long.parseLong(\"nope\")"), CLICKS);
        assertThat(projection.project(clicks(0, 4)).size()).isZero();
    }

    @Test
    void emptyBatch_projectsToAnEmptyBatch() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields("id", "userId", "next", "userId + 1"), CLICKS);
        RecordBatch out = projection.project(clicks(0, 4));
        assertThat(out.size()).isZero();
        assertThat(out.schema()).isEqualTo(projection.outputSchema());
    }

    @Test
    void narrowerJavaTypes_areWidenedIntoTheirColumns() throws Exception {
        Schema input = Schema.of(new Field("name", FieldType.STRING), new Field("a", FieldType.DOUBLE),
                new Field("userId", FieldType.LONG), new Field("loggedIn", FieldType.BOOLEAN));
        BatchProjection projection = compiler.compileProjection(fields(
                "c", "name.charAt(0)", "f", "(float) a", "i", "(int) userId * 2", "boxed", "loggedIn ? null : 7L"), input);
        RecordBatch in = RecordBatch.allocate(input, 1);
        in.setValue(0, 0, "A");
        in.setValue(0, 1, 0.25);
        in.setValue(0, 2, 21L);
        in.setValue(0, 3, false);
        in.setSize(1);

        RecordBatch out = projection.project(in);

        assertThat(projection.outputSchema().fields()).extracting(Field::type)
                .containsExactly(FieldType.LONG, FieldType.DOUBLE, FieldType.LONG, FieldType.LONG);
        assertThat(out.row(0)).containsExactly(65L, 0.25, 42L, 7L);
    }

    @Test
    void manyColumns_eachGetTheirOwnMethod() throws Exception {
        LinkedHashMap<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            many.put("f" + i, "userId * " + i + " + b");
        }
        RecordBatch out = compiler.compileProjection(many, CLICKS).project(clicks(2, 2));
        assertThat(out.longs(59)).containsExactly(10L, 59L + 9L);
    }

    @Test
    void emptyProjection_keepsTheRecordCount() throws Exception {
        BatchProjection projection = compiler.compileProjection(new LinkedHashMap<>(), CLICKS);
        assertThat(projection.outputSchema()).isEqualTo(Schema.EMPTY);
        assertThat(projection.project(clicks(3, 3)).size()).isEqualTo(3);
    }
}
