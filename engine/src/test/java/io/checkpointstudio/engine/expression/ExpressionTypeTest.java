package io.checkpointstudio.engine.expression;

import static io.checkpointstudio.engine.expression.TestSchemas.CLICKS;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.record.FieldType;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The field type an expression yields, inferred with Java's rules. */
class ExpressionTypeTest {
    private final ExpressionCompiler compiler = new ExpressionCompiler();

    @ParameterizedTest(name = "{0} yields {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            loggedIn                                           => BOOLEAN
            userId % 2 == 0 && !loggedIn                       => BOOLEAN
            name.toUpperCase().startsWith("A")                 => BOOLEAN
            Math.max(a, b) * 2.5                               => DOUBLE
            hourOf(ts) < 12 ? "am" : "pm"                      => STRING
            1L                                                 => LONG
            userId                                             => LONG
            1                                                  => LONG
            'c'                                                => LONG
            (byte) userId                                      => LONG
            (short) 1                                          => LONG
            (int) a                                            => LONG
            1.5f                                               => DOUBLE
            a                                                  => DOUBLE
            userId / 2.0                                       => DOUBLE
            name                                               => STRING
            name + userId                                      => STRING
            "n=" + (userId + 1)                                => STRING
            (String) name                                      => STRING
            String.valueOf(userId)                             => STRING
            name.length()                                      => LONG
            name.charAt(0)                                     => LONG
            name.indexOf('x')                                  => LONG
            Long.parseLong(name)                               => LONG
            Double.parseDouble(name)                           => DOUBLE
            Integer.MAX_VALUE + 1L                             => LONG
            Math.PI * 2                                        => DOUBLE
            java.lang.Math.E                                   => DOUBLE
            Double.isNaN(a) || a == Double.POSITIVE_INFINITY   => BOOLEAN
            Math.round(a)                                      => LONG
            Math.round(1.5f)                                   => LONG
            StrictMath.sqrt(a)                                 => DOUBLE
            Long.compare(userId, b) > 0                        => BOOLEAN
            Character.isDigit(name.charAt(0))                  => BOOLEAN
            dayOfWeek(ts) >= 6                                 => BOOLEAN
            dateOf(ts)                                         => STRING
            floorTo(ts, 60000)                                 => LONG
            epochMillis("2024-01-01T00:00:00Z")                => LONG
            coalesce(name, "none")                             => STRING
            name == null                                       => BOOLEAN
            loggedIn ? null : 1L                               => LONG
            userId << 3 | b                                    => LONG
            ~userId                                            => LONG
            loggedIn ^ true                                    => BOOLEAN
            name.matches("[a-z]+")                             => BOOLEAN
            name.repeat(2).concat("!").trim()                  => STRING
            name.compareTo("m") < 0                            => BOOLEAN
            name.hashCode()                                    => LONG
            name.equals("x") || name.equalsIgnoreCase("Y")     => BOOLEAN
            Boolean.parseBoolean(name)                         => BOOLEAN
            Long.toString(userId, 16)                          => STRING
            """)
    void validExpression_yieldsItsType(String expression, FieldType expected) {
        ExpressionCheck check = compiler.check(expression, CLICKS);
        assertThat(check.errors()).isEmpty();
        assertThat(check.ok()).isTrue();
        assertThat(check.type()).isEqualTo(expected);
    }

    @Test
    void check_givesTheSameAnswersFromManyThreadsAtOnce() throws Exception {
        List<String> expressions = List.of("loggedIn", "userId + 1", "a * 2", "name + ts", "usrId");
        List<FieldType> types = Arrays.asList(FieldType.BOOLEAN, FieldType.LONG, FieldType.DOUBLE, FieldType.STRING, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FieldType>> answers = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> compiler.check(expressions.get(i % 5), CLICKS).type()))
                    .toList();
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo(types.get(i % 5));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
