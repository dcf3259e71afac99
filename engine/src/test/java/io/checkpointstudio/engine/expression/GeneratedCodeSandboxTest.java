package io.checkpointstudio.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Defence in depth: even code that never went through the allow-list check (written here by hand) cannot reach
 * anything outside the few classes expressions need, because its class loader does not show them.
 */
class GeneratedCodeSandboxTest {

    private static Reducer compileUnchecked(String body) throws ExpressionException {
        GeneratedSource source = new GeneratedSource("Unchecked");
        source.line("public final class Unchecked implements " + Reducer.class.getName() + " {");
        source.line("public String reduceString(String acc, String value) { " + body + " }");
        source.line("}");
        return source.instantiate(Reducer.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "return System.getProperty(\"user.home\");",
            "return String.valueOf(Runtime.getRuntime().availableProcessors());",
            "return Thread.currentThread().getName();",
            "return String.valueOf(new java.io.File(\"/tmp\").exists());",
            "return acc.getClass().getName();",
            "return new java.util.ArrayList().toString();",
    })
    void generatedCode_cannotLinkToClassesOutsideTheSandbox(String body) {
        // Depending on the class, linking fails when the class is verified or when the code first runs.
        assertThatThrownBy(() -> compileUnchecked(body).reduceString("a", "b"))
                .isInstanceOf(NoClassDefFoundError.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "return acc.toUpperCase() + Math.max(1, 2) + Long.parseLong(\"3\") + ExpressionFunctions.dateOf(0L);",
            "return acc + value.length() + (value.isEmpty() ? 'x' : value.charAt(0)) + Double.toString(1.5);",
    })
    void generatedCode_canLinkToWhatExpressionsNeed(String body) throws Exception {
        Reducer allowed = compileUnchecked(body.replace("ExpressionFunctions", ExpressionFunctions.class.getName()));
        assertThat(allowed.reduceString("a", "bc")).isNotEmpty();
    }
}
