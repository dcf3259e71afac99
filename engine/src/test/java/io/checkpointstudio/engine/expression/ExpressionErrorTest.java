package io.checkpointstudio.engine.expression;

import static io.checkpointstudio.engine.expression.TestSchemas.CLICKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of error names the problem and the column where it is. */
class ExpressionErrorTest {
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    private ExpressionError onlyError(String expression) {
        return onlyError(expression, CLICKS);
    }

    private ExpressionError onlyError(String expression, Schema schema) {
        ExpressionCheck check = compiler.check(expression, schema);
        assertThat(check.errors()).as("errors of %s", expression).hasSize(1);
        return check.errors().get(0);
    }

    @Test
    void emptyExpression_isAnErrorWithoutColumn() {
        assertThat(onlyError("")).isEqualTo(new ExpressionError("the expression is empty", 0));
        assertThat(onlyError("   ")).isEqualTo(new ExpressionError("the expression is empty", 0));
        assertThat(onlyError(null)).isEqualTo(new ExpressionError("the expression is empty", 0));
    }

    @Test
    void incompleteExpression_isASyntaxErrorAtItsEnd() {
        ExpressionError error = onlyError("userId +");
        assertThat(error.message()).isEqualTo("the expression ends too early");
        assertThat(error.column()).isEqualTo(8);
    }

    @Test
    void unexpectedToken_isASyntaxErrorAtTheToken() {
        assertThat(onlyError("userId + * 2")).isEqualTo(new ExpressionError("syntax error: unexpected `*`", 10));
    }

    @Test
    void secondExpression_isRejectedAtItsStart() {
        assertThat(onlyError("userId 2")).isEqualTo(new ExpressionError("unexpected `2` after the end of the expression", 8));
        assertThat(onlyError("loggedIn; System.exit(1)").column()).isEqualTo(9);
    }

    @Test
    void unknownField_listsTheFieldsAndSuggestsTheNearest() {
        assertThat(onlyError("usrId > 0")).isEqualTo(new ExpressionError(
                "field `usrId` does not exist; fields are: userId, loggedIn, ts, name, a, b (did you mean `userId`?)", 1));
    }

    @Test
    void unknownField_withoutANearMiss_hasNoSuggestion() {
        assertThat(onlyError("1 + clicks").message())
                .isEqualTo("field `clicks` does not exist; fields are: userId, loggedIn, ts, name, a, b");
        assertThat(onlyError("1 + clicks").column()).isEqualTo(5);
    }

    @Test
    void unknownField_ofAnEmptyInput_saysThereAreNoFields() {
        assertThat(onlyError("x", Schema.EMPTY).message()).isEqualTo("field `x` does not exist; the input has no fields");
    }

    @Test
    void unknownFieldAsAMethodReceiver_isReportedAsAField() {
        assertThat(onlyError("nmae.length()").message()).startsWith("field `nmae` does not exist").endsWith("(did you mean `name`?)");
    }

    @Test
    void unknownFunction_suggestsTheListedFunction() {
        ExpressionError error = onlyError("ts > 0 && hourof(ts) > 3");
        assertThat(error.message()).isEqualTo("`hourof` is not allowed: expressions may call only Math, String and the"
                + " listed functions (see help) (did you mean `hourOf`?)");
        assertThat(error.column()).isEqualTo(11);
    }

    @Test
    void unqualifiedMathFunction_suggestsMath() {
        assertThat(onlyError("max(a, b)").message()).endsWith("(did you mean `Math.max`?)");
    }

    @Test
    void unknownMathMethod_suggestsTheNearest() {
        ExpressionError error = onlyError("2 * Math.maxx(a, b)");
        assertThat(error.message()).startsWith("`Math.maxx` is not allowed").endsWith("(did you mean `max`?)");
        assertThat(error.column()).isEqualTo(5);
    }

    @Test
    void memberAccessOnAField_suggestsTheMethodCall() {
        ExpressionError error = onlyError("name.length > 3");
        assertThat(error.message()).isEqualTo(
                "member access `name.length` is not allowed: fields have no members (did you mean `name.length()`?)");
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void operatorOnTheWrongTypes_isReportedInTheExpression() {
        ExpressionCheck check = compiler.check("loggedIn + 1", CLICKS);
        assertThat(check.ok()).isFalse();
        assertThat(check.errors()).extracting(ExpressionError::message)
                .anyMatch(m -> m.contains("\"boolean\"") && m.contains("\"int\""));
        assertThat(check.errors()).allMatch(e -> e.column() >= 1 && e.column() <= 12);
    }

    @Test
    void wrongNumberOfArguments_isReportedAtTheCall() {
        ExpressionError error = onlyError("1 + Math.max(1)");
        assertThat(error.message()).startsWith("No applicable constructor/method found");
        assertThat(error.column()).isEqualTo(10);
    }

    @Test
    void stringMethodOnAComputedNumber_isReportedClearly() {
        ExpressionError error = onlyError("(userId + 1).length()");
        assertThat(error.message()).isEqualTo("`length()` cannot be called on this value: methods can be called only on strings");
        assertThat(error.column()).isEqualTo(14);
    }

    @Test
    void expressionOfAnUnsupportedType_namesTheJavaType() {
        ExpressionError error = onlyError("loggedIn ? name : 1L");
        assertThat(error).isEqualTo(new ExpressionError(
                "expression yields java.lang.Object; a field must be long, double, boolean or string", 1));
    }

    @Test
    void conditionThatIsNotBoolean_isRejectedByCompileFilter() {
        assertThatThrownBy(() -> compiler.compileFilter("userId + 1", CLICKS))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.errors()).containsExactly(
                        new ExpressionError("a condition must be boolean, but this expression yields long", 1)));
    }

    @Test
    void errorOnTheSecondLine_hasItsPositionInTheWholeText() {
        // "loggedIn &&\n" is 12 characters, then two spaces: `usrId` starts at position 15.
        assertThat(onlyError("loggedIn &&\n  usrId > 0").column()).isEqualTo(15);
        assertThat(onlyError("loggedIn &&\r\n  usrId > 0").column()).isEqualTo(16);
    }

    @Test
    void compileErrorOnTheSecondLine_hasItsPositionInTheWholeText() {
        ExpressionError error = onlyError("name +\n  Math.max(1)");
        assertThat(error.message()).startsWith("No applicable constructor/method found");
        assertThat(error.column()).isEqualTo(15);
    }

    @Test
    void columnsAfterATab_arePositionsNotTabStops() {
        // Janino counts the tab to column 17; the person typed 13 characters before `usrId`.
        assertThat(onlyError("loggedIn &&\tusrId > 0").column()).isEqualTo(13);
    }

    @Test
    void exceptionMessage_joinsTheErrorsWithTheirColumns() {
        assertThatThrownBy(() -> compiler.compileFilter("usrId > 0 && lggedIn", CLICKS))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("at column 1: field `usrId` does not exist; fields are: userId, loggedIn, ts, name, a, b"
                        + " (did you mean `userId`?); at column 14: field `lggedIn` does not exist; fields are: userId,"
                        + " loggedIn, ts, name, a, b (did you mean `loggedIn`?)");
    }

    @Test
    void everyErrorOfAnExpression_isReportedInColumnOrder() {
        List<ExpressionError> errors = compiler.check("Thread.sleep(1) + usrId + new Object()", CLICKS).errors();
        assertThat(errors).extracting(ExpressionError::column).containsExactly(1, 19, 27);
    }

    @Test
    void check_neverThrows_evenForAbsurdInput() {
        String deep = "(".repeat(4000) + "1" + ")".repeat(4000);
        assertThat(compiler.check(deep, CLICKS).ok()).isIn(true, false);
        assertThat(compiler.check("x".repeat(20_000), CLICKS).errors()).extracting(ExpressionError::message)
                .containsExactly("the expression is longer than 10000 characters");
        assertThat(compiler.check("\"unterminated", CLICKS).ok()).isFalse();
        assertThat(compiler.check("#", CLICKS).ok()).isFalse();
        assertThat(compiler.check("int", CLICKS).ok()).isFalse();
        assertThat(compiler.check("switch (userId) { default -> 1 }", CLICKS).ok()).isFalse();
    }

    @Test
    void projectionErrors_nameTheOutputField() {
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("id", "userId");
        fields.put("clicks", "usrId + 1");
        assertThatThrownBy(() -> compiler.compileProjection(fields, CLICKS))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.message()).startsWith("in `clicks`: field `usrId` does not exist");
                            assertThat(error.column()).isEqualTo(1);
                        }));
    }

    @Test
    void reducerOfTheWrongResultType_isRejected() {
        assertThatThrownBy(() -> compiler.compileReducer("acc + 0.5", FieldType.LONG, "acc", "value"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("at column 1: a reduce function over long values must yield long, but this expression yields double");
    }

    @Test
    void reducerWithBadParameterNames_isRejected() {
        assertThatThrownBy(() -> compiler.compileReducer("acc + v", FieldType.LONG, "acc", "acc"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("different names");
        assertThatThrownBy(() -> compiler.compileReducer("acc", FieldType.LONG, "class", "v"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("`class` is not a valid name");
        assertThatThrownBy(() -> compiler.compileReducer("acc", FieldType.LONG, "a-b", "v"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("`a-b` is not a valid name");
    }

    @Test
    void reducerOverUnknownNames_listsItsTwoParameters() {
        assertThatThrownBy(() -> compiler.compileReducer("acc + valu", FieldType.LONG, "acc", "value"))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("at column 7: field `valu` does not exist; fields are: acc, value (did you mean `value`?)");
    }

    @Test
    void fieldNamedLikeAClass_shadowsTheClassAsInJava() {
        Schema schema = Schema.of(new Field("Math", FieldType.LONG));
        assertThat(compiler.check("Math + 1", schema).type()).isEqualTo(FieldType.LONG);
        assertThat(onlyError("Math.abs(-1)", schema).message()).startsWith("`abs()` is not allowed");
    }

    @Test
    void constantsAndClasses_areNotMistakenForMistypedFields() {
        Schema schema = Schema.of(new Field("math", FieldType.DOUBLE), new Field("path", FieldType.LONG));
        assertThat(compiler.check("Math.PI * math", schema).type()).isEqualTo(FieldType.DOUBLE);
        assertThat(compiler.check("Math.max(math, 1)", schema).type()).isEqualTo(FieldType.DOUBLE);
        assertThat(onlyError("Mth.PI", schema).message()).startsWith("field `Mth` does not exist").endsWith("(did you mean `math`?)");
    }
}
