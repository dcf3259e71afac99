package io.checkpointstudio.engine.expression;

import static io.checkpointstudio.engine.expression.TestSchemas.CLICKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.record.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile expressions: each is rejected before anything runs, with a message naming what it tried. */
class ExpressionSandboxTest {
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    /** The first error (by column) of an expression that must be rejected. */
    private ExpressionError firstError(String expression) {
        ExpressionCheck check = compiler.check(expression, CLICKS);
        assertThat(check.ok()).as("accepted: %s", expression).isFalse();
        assertThat(check.type()).isNull();
        return check.errors().get(0);
    }

    private List<String> messages(String expression) {
        return compiler.check(expression, CLICKS).errors().stream().map(ExpressionError::message).toList();
    }

    @Test
    void systemExit_isRejectedNamingTheCall() {
        ExpressionError error = firstError("System.exit(1)");
        assertThat(error.message()).isEqualTo("`System.exit` is not allowed: expressions may call only Math, String"
                + " and the listed functions (see help)");
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void systemExit_cannotBeCompiledAsAFilterEither() {
        assertThatThrownBy(() -> compiler.compileFilter("System.exit(1) == 0", CLICKS))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("at column 1: `System.exit` is not allowed");
    }

    @Test
    void runtimeExec_isRejectedNamingGetRuntimeAndExec() {
        assertThat(firstError("Runtime.getRuntime().exec(\"ls\")").message()).startsWith("`Runtime.getRuntime` is not allowed");
        assertThat(messages("Runtime.getRuntime().exec(\"ls\")")).anyMatch(m -> m.startsWith("`exec()` is not allowed"));
    }

    @Test
    void newFile_isRejectedNamingNew() {
        ExpressionError error = firstError("new java.io.File(\"/tmp\").delete()");
        assertThat(error.message()).contains("`new java.io.File(...)` is not allowed");
        assertThat(error.column()).isEqualTo(1);
        assertThat(messages("new java.io.File(\"/tmp\").delete()")).anyMatch(m -> m.startsWith("`delete()` is not allowed"));
    }

    @Test
    void filesDelete_isRejectedNamingTheCalls() {
        List<String> messages = messages("java.nio.file.Files.delete(java.nio.file.Path.of(\"/tmp/x\"))");
        assertThat(messages).anyMatch(m -> m.startsWith("`java.nio.file.Files.delete` is not allowed"));
        assertThat(messages).anyMatch(m -> m.startsWith("`java.nio.file.Path.of` is not allowed"));
    }

    @Test
    void classForName_isRejectedNamingTheCall() {
        assertThat(firstError("Class.forName(\"java.lang.Runtime\")").message()).startsWith("`Class.forName` is not allowed");
    }

    @Test
    void threadSleep_isRejectedNamingTheCall() {
        assertThat(firstError("Thread.sleep(10)").message()).startsWith("`Thread.sleep` is not allowed");
    }

    @Test
    void getClassOnAField_isRejectedNamingGetClass() {
        ExpressionError error = firstError("userId.getClass()");
        assertThat(error.message()).startsWith("`getClass()` is not allowed: methods can be called only on strings");
        assertThat(error.column()).isEqualTo(8);
    }

    @Test
    void classLoaderOfAString_isRejectedNamingBothCalls() {
        List<String> messages = messages("\"\".getClass().getClassLoader()");
        assertThat(messages).anyMatch(m -> m.startsWith("`getClass()` is not allowed"));
        assertThat(messages).anyMatch(m -> m.startsWith("`getClassLoader()` is not allowed"));
    }

    @Test
    void castToObject_isRejectedNamingTheCast() {
        ExpressionError error = firstError("((Object) name).getClass()");
        assertThat(error.message()).isEqualTo("cast to `Object` is not allowed: casts may convert only to primitive types or String");
        assertThat(error.column()).isEqualTo(3);
        assertThat(messages("((Object) name).getClass()")).anyMatch(m -> m.startsWith("`getClass()` is not allowed"));
    }

    @Test
    void lambda_isRejectedNamingTheLambda() {
        List<String> messages = messages("(java.util.function.Supplier<String>) () -> \"x\"");
        assertThat(messages).contains("lambda expressions are not allowed");
        assertThat(messages).anyMatch(m -> m.startsWith("cast to `java.util.function.Supplier<String>` is not allowed"));
    }

    @Test
    void anonymousClass_isRejectedNamingNew() {
        ExpressionError error = firstError("new Object(){ }.toString()");
        assertThat(error.message()).isEqualTo("`new` is not allowed: expressions cannot create objects or declare classes");
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void assignment_isRejected() {
        ExpressionError error = firstError("userId = 5");
        assertThat(error.message()).isEqualTo("assignment is not allowed: expressions cannot change fields");
        assertThat(error.column()).isEqualTo(1);
        assertThat(firstError("userId += 5").message()).startsWith("assignment `+=` is not allowed");
    }

    @Test
    void increment_isRejected() {
        assertThat(firstError("userId++").message()).isEqualTo("`++` is not allowed: expressions cannot change fields");
        assertThat(firstError("--userId").message()).isEqualTo("`--` is not allowed: expressions cannot change fields");
    }

    @Test
    void getenvThroughTheFullName_isRejectedNamingTheCall() {
        ExpressionError error = firstError("java.lang.System.getenv(\"HOME\")");
        assertThat(error.message()).startsWith("`java.lang.System.getenv` is not allowed");
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void stringChars_isRejectedNamingChars() {
        ExpressionError error = firstError("\"a\".chars()");
        assertThat(error.message()).startsWith("`chars()` is not allowed: methods can be called only on strings, and only these: ");
        assertThat(error.column()).isEqualTo(5);
    }

    @Test
    void classLiteral_isRejected() {
        ExpressionError error = firstError("Math.class");
        assertThat(error.message()).isEqualTo("class literal `Math.class` is not allowed");
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void arrayCreation_isRejected() {
        ExpressionError error = firstError("new long[3]");
        assertThat(error.message()).startsWith("array creation `new long[]` is not allowed");
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void systemPropertyInsideAStringConcatenation_isRejectedNamingTheCall() {
        ExpressionError error = firstError("\" \" + System.getProperty(\"user.home\")");
        assertThat(error.message()).startsWith("`System.getProperty` is not allowed");
        assertThat(error.column()).isEqualTo(7);
    }

    @Test
    void systemOutAsAConstant_isRejected() {
        assertThat(firstError("System.out").message()).startsWith("`System.out` is not allowed: the only constants are Math.PI");
    }

    @Test
    void thisReference_isRejected() {
        assertThat(firstError("this").message()).isEqualTo("`this` is not allowed");
        assertThat(firstError("this.hashCode()").message()).isEqualTo("`this` is not allowed");
    }

    @Test
    void arrayAccess_isRejected() {
        assertThat(firstError("name[0]").message()).startsWith("array access");
    }

    @Test
    void methodReference_isRejected() {
        assertThat(firstError("(java.util.function.Supplier<String>) name::trim").message())
                .satisfiesAnyOf(m -> assertThat(m).startsWith("cast to"), m -> assertThat(m).startsWith("method references"));
        assertThat(messages("(java.util.function.Supplier<String>) name::trim")).contains("method references (`::`) are not allowed");
    }

    @Test
    void instanceofOtherThanString_isRejected() {
        assertThat(firstError("name instanceof java.io.Serializable").message())
                .isEqualTo("`instanceof java.io.Serializable` is not allowed: instanceof may test only for String");
        assertThat(compiler.check("name instanceof String", CLICKS).type()).isEqualTo(FieldType.BOOLEAN);
    }

    @Test
    void mathRandom_isRejectedBecauseItIsNotPure() {
        assertThat(firstError("Math.random() < 0.5").message()).startsWith("`Math.random` is not allowed");
    }

    @Test
    void stringMethodOnANonStringValue_isRejectedAfterResolution() {
        // `hashCode` is an allowed String method name, but here it would run on a Long.
        ExpressionError error = firstError("(loggedIn ? 1L : null).hashCode()");
        assertThat(error.message()).contains("java.lang.Long.hashCode").contains("methods can be called only on strings");
    }

    @Test
    void stringMethodOnALongField_isRejectedNamingTheField() {
        ExpressionError error = firstError("userId.length()");
        assertThat(error.message()).isEqualTo("`length()` cannot be called on `userId`, which is long: methods can be called only on strings");
        assertThat(error.column()).isEqualTo(8);
    }

    @Test
    void reflectionThroughStringValueOf_isRejected() {
        assertThat(messages("String.valueOf(name.getClass().getMethods())")).anyMatch(m -> m.startsWith("`getClass()` is not allowed"));
    }

    @Test
    void unicodeEscapesCannotSmuggleACall() {
        // \u0053ystem is "System" after unicode unescaping, which Janino does before parsing.
        assertThat(firstError("\\u0053ystem.exit(1)").message()).startsWith("`System.exit` is not allowed");
    }

    @Test
    void commentsCannotBreakOutOfTheGeneratedCode() throws Exception {
        assertThat(compiler.check("loggedIn // ) { System.exit(1); } if (true", CLICKS).type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(compiler.check("loggedIn /* ) || System.exit(1) */", CLICKS).type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(compiler.check("loggedIn /* unterminated", CLICKS).ok()).isFalse();
        assertThat(compiler.check("loggedIn ) || (true", CLICKS).ok()).isFalse();
    }

    @Test
    void unicodeEscapedLineBreak_isRejected() {
        // Java ends a // comment at an escaped line break, which would make the rest of the line code.
        assertThat(firstError("loggedIn // \\u000a || System.exit(1) == 0").message())
                .isEqualTo("a unicode escape of a line break (\\u000a, \\u000d) is not allowed");
    }
}
