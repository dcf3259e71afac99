package io.checkpointstudio.engine.expression;

import static io.checkpointstudio.engine.expression.TestSchemas.CLICKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Expressions cannot hang a task or exhaust the heap: regular expressions run in linear time, strings an
 * expression creates are bounded, a slow evaluation stops when its thread is interrupted, and the results of
 * what was rewritten to do so are Java's.
 */
class ExpressionLimitsTest {
    /** Backtracks for hours with java.util.regex (issue #16). */
    private static final String CATASTROPHIC = "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\".matches(\"(.*a){20}\")";

    private final ExpressionCompiler compiler = new ExpressionCompiler();

    private static RecordBatch names(String... names) {
        RecordBatch batch = RecordBatch.allocate(CLICKS, Math.max(1, names.length));
        for (int r = 0; r < names.length; r++) {
            batch.setValue(r, 0, (long) r);
            batch.setValue(r, 1, r % 2 == 0);
            batch.setValue(r, 2, 1_000L * r);
            batch.setValue(r, 3, names[r]);
            batch.setValue(r, 4, r + 0.5);
            batch.setValue(r, 5, 10L - r);
        }
        batch.setSize(names.length);
        return batch;
    }

    private static LinkedHashMap<String, String> fields(String... nameThenExpression) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameThenExpression.length; i += 2) {
            fields.put(nameThenExpression[i], nameThenExpression[i + 1]);
        }
        return fields;
    }

    @Test
    void catastrophicRegex_runsInLinearTime() throws Exception {
        BatchFilter literal = compiler.compileFilter(CATASTROPHIC, CLICKS);
        BatchFilter onField = compiler.compileFilter("name.matches(\"(.*a){20}\")", CLICKS);
        String evil = "a".repeat(54) + "!";

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(literal.filter(names("x", "y", "z"))).isZero();
            assertThat(onField.filter(names(evil, evil, "a".repeat(40)))).isEqualTo(1);
        });
    }

    @Test
    void hugeRepeat_failsWithTheLimitInsteadOfFillingTheHeap() throws Exception {
        BatchFilter filter = compiler.compileFilter("\"x\".repeat(200000000).length() > 0", CLICKS, "operator 'big' (filter)");

        assertThatThrownBy(() -> filter.filter(names("a")))
                .isInstanceOf(ExpressionFailedException.class)
                .hasRootCauseInstanceOf(ExpressionLimitException.class)
                .hasMessage("operator 'big' (filter): condition `\"x\".repeat(200000000).length() > 0` failed:"
                        + " ExpressionLimitException: `repeat` would create a string of 200000000 characters;"
                        + " an expression may create strings of at most 1048576 characters");
    }

    @Test
    void concatenationAndReplace_areBoundedToo() throws Exception {
        BatchProjection plus = compiler.compileProjection(fields("id", "userId", "s",
                "name.repeat(300000) + name.repeat(300000)"), CLICKS, "operator 'grow' (map)");
        BatchProjection concat = compiler.compileProjection(fields("s", "name.repeat(300000).concat(name.repeat(300000))"), CLICKS);
        BatchProjection replace = compiler.compileProjection(fields("s", "name.replace(\"\", name.repeat(2))"), CLICKS);
        BatchProjection within = compiler.compileProjection(fields("s", "name.repeat(200000) + name.repeat(200000)"), CLICKS);
        RecordBatch ab = names("ab".repeat(500));

        assertThatThrownBy(() -> plus.project(names("ab")))
                .isInstanceOf(ExpressionFailedException.class)
                .hasMessageStartingWith("operator 'grow' (map): field `s` `name.repeat(300000) + name.repeat(300000)` failed:"
                        + " ExpressionLimitException: `+` would create a string of 1200000 characters");
        assertThatThrownBy(() -> concat.project(names("ab"))).hasRootCauseMessage(
                "`concat` would create a string of 1200000 characters; an expression may create strings of at most 1048576 characters");
        assertThatThrownBy(() -> replace.project(ab)).hasRootCauseMessage(
                "`replace` would create a string of 2003000 characters; an expression may create strings of at most 1048576 characters");
        assertThat(within.project(names("ab")).strings(0)[0]).hasSize(800_000);
    }

    @Test
    void searchWithALongNearlyMatchingTarget_runsInLinearTime() throws Exception {
        // String.indexOf compares naively: about 4 minutes for this one call, which nothing can interrupt.
        BatchFilter search = compiler.compileFilter(
                "\"a\".repeat(1048576).indexOf(\"a\".repeat(524288) + \"b\") < 0"
                        + " && !\"a\".repeat(1048576).contains(\"b\" + \"a\".repeat(524288))"
                        + " && \"a\".repeat(1048576).lastIndexOf(\"b\" + \"a\".repeat(524288)) < 0"
                        + " && \"a\".repeat(1048576).replace(\"a\".repeat(524288) + \"b\", \"c\").length() == 1048576", CLICKS);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThat(search.filter(names("x"))).isEqualTo(1));
    }

    @Test
    void linearSearch_findsWhatStringFinds() {
        SplittableRandom random = new SplittableRandom(16);
        for (int round = 0; round < 300; round++) {
            int n = 2_000 + random.nextInt(40_000);
            int m = 2 + random.nextInt(round % 3 == 0 ? 3 : 1_500);
            StringBuilder text = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                text.append(random.nextInt(8) == 0 ? 'b' : 'a');
            }
            String target = pick(text, m, random);
            if (random.nextBoolean()) {
                target = target.substring(0, m - 1) + "c"; // usually absent
            }
            String s = text.toString();
            int from = random.nextInt(-5, n + 5);
            assertThat(LinearSearch.indexOf(s, target, from)).as("indexOf round " + round).isEqualTo(s.indexOf(target, from));
            assertThat(LinearSearch.lastIndexOf(s, target, from)).as("lastIndexOf round " + round)
                    .isEqualTo(s.lastIndexOf(target, from));
            assertThat(ExpressionStrings.replace(s, target, "XY")).as("replace round " + round)
                    .isEqualTo(s.replace(target, "XY"));
        }
    }

    private static String pick(CharSequence text, int length, SplittableRandom random) {
        int at = random.nextInt(text.length() - length);
        return text.subSequence(at, at + length).toString();
    }

    @Test
    void rewrittenOperations_giveJavasResults() throws Exception {
        BatchProjection projection = compiler.compileProjection(fields(
                "leftToRight", "\"a\" + 1 + 2",
                "sumFirst", "1 + 2 + \"a\"",
                "chars", "'c' + \"x\" + 'd'",
                "charsAdded", "'a' + 'b' + name",
                "floats", "name + 1.5f + 2.5 + userId",
                "nulls", "name + null",
                "conditional", "(loggedIn ? \"in\" : \"out\") + \"/\" + (loggedIn ? name : null)",
                "casts", "(String) null + name + (int) a + (char) 65 + loggedIn",
                "methods", "name.concat(\"!\") + name.replace('u', 'U') + name.replace(\"er\", \"ER\") + name.repeat(2)",
                "search", "name.indexOf(\"s\") + \":\" + name.indexOf('e') + \":\" + name.lastIndexOf(\"r\") + \":\""
                        + " + name.contains(\"ser\") + \":\" + name.indexOf(\"e\", 3) + \":\" + name.lastIndexOf('u', 0)",
                "regex", "name.matches(\"user[0-9]+\") + \"\" + name.matches(\"u.e\")",
                "functions", "dateOf(ts) + Long.toString(userId) + String.valueOf(a) + coalesce(null, name)",
                "numbers", "userId + b + 1"), CLICKS);
        RecordBatch out = projection.project(names("user7"));

        Object[] row = new Object[out.schema().size()];
        for (int c = 0; c < row.length; c++) {
            row[c] = out.value(0, c);
        }
        String name = "user7";
        assertThat(row).containsExactly(
                "a" + 1 + 2,
                1 + 2 + "a",
                'c' + "x" + 'd',
                'a' + 'b' + name,
                name + 1.5f + 2.5 + 0L,
                name + null,
                "in/user7",
                (String) null + name + 0 + (char) 65 + true,
                name.concat("!") + name.replace('u', 'U') + name.replace("er", "ER") + name.repeat(2),
                name.indexOf("s") + ":" + name.indexOf('e') + ":" + name.lastIndexOf("r") + ":" + name.contains("ser")
                        + ":" + name.indexOf("e", 3) + ":" + name.lastIndexOf('u', 0),
                "truefalse",
                "1970-01-01" + "0" + "0.5" + name,
                10L + 1);
        assertThat(out.schema().fields()).allMatch(f -> f.name().equals("numbers") ? f.type() == FieldType.LONG
                : f.type() == FieldType.STRING);
    }

    @Test
    void regexThatRe2CannotRun_isAValidationError() {
        ExpressionCheck lookahead = compiler.check("name.matches(\"(?=a)a\")", CLICKS);
        ExpressionCheck backreference = compiler.check("name.matches(\"(a)\\\\1\")", CLICKS);

        assertThat(lookahead.ok()).isFalse();
        assertThat(lookahead.errors().get(0).message())
                .startsWith("the regular expression `(?=a)a` is not valid: ")
                .contains("RE2 syntax");
        assertThat(lookahead.errors().get(0).column()).as("at `matches`").isEqualTo(6);
        assertThat(backreference.ok()).isFalse();
    }

    @Test
    void nestedRepetition_isRefusedBeforeItIsCompiled() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ExpressionCheck check = compiler.check("name.matches(\"((a{1000}){1000}){1000}\")", CLICKS);
            assertThat(check.ok()).isFalse();
            assertThat(check.errors().get(0).message()).contains("is too large", "at most 10000");

            BatchFilter fromField = compiler.compileFilter("\"a\".matches(name)", CLICKS);
            assertThatThrownBy(() -> fromField.filter(names("((((a{100}){100}){100}){100})")))
                    .isInstanceOf(ExpressionFailedException.class)
                    .hasMessageContaining("is too large");
        });
    }

    @Test
    void regexSize_countsNestedRepetitions() {
        assertThat(RegexSize.estimate("user[0-9]+")).isLessThan(20);
        assertThat(RegexSize.estimate("\\p{Greek}{3}")).isLessThan(10);
        assertThat(RegexSize.estimate("(a{1000}){1000}")).isGreaterThan(1_000_000);
        assertThat(RegexSize.estimate("((a{1000}){1000}){1000}")).isGreaterThan(1_000_000_000L);
        assertThat(RegexSize.estimate("[{]{5}a{,5}")).isLessThan(20); // a '{' in a class, and a{,5} is literal in RE2
    }

    @Test
    void slowEvaluation_stopsWhenItsThreadIsInterrupted() throws Exception {
        BatchFilter slow = compiler.compileFilter("name.repeat(100000).matches(\"(.*a){50}\")", CLICKS);
        RecordBatch batch = names("a".repeat(10), "a".repeat(10), "a".repeat(10), "a".repeat(10));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread evaluator = new Thread(() -> {
            try {
                slow.filter(batch);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "slow expression");
        evaluator.setDaemon(true);
        evaluator.start();
        Thread.sleep(300);
        assertThat(outcome).as("the evaluation takes long enough to be interrupted").isNotDone();

        evaluator.interrupt();

        Throwable failure = outcome.get(5, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(ExpressionFailedException.class)
                .hasRootCauseMessage("stopped: the task was interrupted because it made no progress");
    }
}
