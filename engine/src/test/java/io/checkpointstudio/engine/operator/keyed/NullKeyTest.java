package io.checkpointstudio.engine.operator.keyed;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records whose key is null: they fail the job at the key-by, naming it and the field (as on Flink, which
 * cannot key them either), and validation warns where a key field can be null.
 */
class NullKeyTest {
    private static final List<Map<String, Object>> VISITS = List.of(
            map("name", "name", "type", "string"), map("name", "city", "type", "string"), map("name", "visits", "type", "long"));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void aNullKey_failsTheJobNamingTheKeyByAndTheField(int parallelism) throws Exception {
        Path file = Files.write(dir.resolve("visits.jsonl"), List.of(
                "{\"name\": \"ann\", \"visits\": 1}", "{\"visits\": 2}", "{\"name\": \"bob\", \"visits\": 3}"));

        JobResult result = JobHarness.run(chain(map("parallelism.default", parallelism),
                op("visits", "file-source", "path", file.toString(), "schema", VISITS),
                op("by-name", "key-by", "key", "name"),
                op("total", "sum", "field", "visits"),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining("key-by 'by-name': field 'name' is null in a record")
                .hasMessageContaining("name != null");
    }

    @Test
    void keyOfJsonStrings_isWarnedAbout_atTheKeyBy() {
        List<Problem> warnings = warnings(source("JSON"), op("by-name", "key-by", "key", "name"));

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("operators[1].params.key");
            assertThat(w.message()).contains("field 'name' can be null here").contains("fails the job at this key-by");
        });
    }

    @Test
    void keysThatCannotBeNull_areNotWarnedAbout() {
        // CSV gives "" for a missing value, never null
        assertThat(warnings(source("CSV"), op("by-name", "key-by", "key", "name"))).isEmpty();
        // long keys
        assertThat(warnings(source("JSON"), op("by-visits", "key-by", "key", "visits"))).isEmpty();
        // filtered out
        assertThat(warnings(source("JSON"), op("known", "filter", "condition", "name != null && visits > 0"),
                op("by-name", "key-by", "key", "name"))).isEmpty();
        // given a default, or made from a value
        assertThat(warnings(source("JSON"), op("named", "map", "fields", map("name", "coalesce(name, \"none\")",
                        "city", "city == null ? \"?\" : city", "label", "\"user-\" + name", "visits", "visits")),
                op("by-name", "key-by", "key", "name"))).isEmpty();
        assertThat(warnings(source("JSON"), op("named", "map", "fields", map("label", "\"user-\" + name", "visits", "visits")),
                op("by-label", "key-by", "key", "label"))).isEmpty();
    }

    @Test
    void nullsPassedOnOrMadeByAMap_areWarnedAbout() {
        assertThat(warnings(source("JSON"), op("renamed", "map", "fields", map("who", "name", "visits", "visits")),
                op("by-who", "key-by", "key", "who"))).hasSize(1);
        assertThat(warnings(source("CSV"), op("maybe", "map", "fields", map("who", "visits > 0 ? name : null")),
                op("by-who", "key-by", "key", "who"))).hasSize(1);
        // filtered on another field only
        assertThat(warnings(source("JSON"), op("known", "filter", "condition", "city != null"),
                op("by-name", "key-by", "key", "name"))).hasSize(1);
    }

    private OperatorSpec source(String format) {
        return op("visits", "file-source", "path", dir.resolve("visits").toString(), "format", format, "schema", VISITS);
    }

    /** The warnings about null keys of source → ... → the given key-by → sum/count → collect. */
    private static List<Problem> warnings(OperatorSpec... upToKeyBy) {
        OperatorSpec[] ops = java.util.Arrays.copyOf(upToKeyBy, upToKeyBy.length + 2);
        ops[upToKeyBy.length] = op("counts", "count");
        ops[upToKeyBy.length + 1] = op("out", "collect");
        JobDocument doc = chain(map(), ops);
        JobValidator.Result result = JobValidator.standard().validate(doc);
        assertThat(result.errors()).isEmpty();
        return result.problems().stream().filter(p -> p.message().contains("can be null")).toList();
    }
}
