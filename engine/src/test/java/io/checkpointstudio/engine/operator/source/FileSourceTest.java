package io.checkpointstudio.engine.operator.source;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.counter;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.row;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file source read through real jobs (file-source → collect), against rows written out by hand. */
class FileSourceTest {
    @TempDir
    Path dir;

    @Test
    void jsonLines_areReadIntoTheDeclaredSchema() throws Exception {
        // Fields by name; a long may be written as a string; a missing or null field gets its type's
        // default (0, 0.0, false, null); unknown fields are ignored; blank lines are skipped.
        Path file = Files.write(dir.resolve("fruit.jsonl"), List.of(
                "{\"id\": 1, \"price\": 2.5, \"ok\": true, \"name\": \"apple\"}",
                "{\"name\": \"pear \\\"green\\\"\", \"id\": \"2\", \"price\": 3, \"ok\": false}",
                "{\"id\": 3, \"name\": \"plum\"}",
                "",
                "{\"id\": 4, \"price\": 1e2, \"ok\": true, \"name\": null, \"extra\": 1}"));

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", file.toString(), "format", "JSON", "schema", fruitSchema()),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out")).containsExactly(
                row(1L, 2.5, true, "apple"),
                row(2L, 3.0, false, "pear \"green\""),
                row(3L, 0.0, false, "plum"),
                row(4L, 100.0, true, null));
    }

    @Test
    void csv_skipsTheHeaderAndUnquotesValues() throws Exception {
        Path file = Files.write(dir.resolve("scores.csv"), List.of(
                "id,name,score",
                "1,plain,10",
                "2,\"with, comma\",20",
                "3,\"say \"\"hi\"\"\",30",
                "4,,40"));

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", file.toString(), "format", "CSV", "skipHeader", true, "schema", scoreSchema()),
                op("out", "collect")));

        assertThat(rows(result, "out")).containsExactly(
                row(1L, "plain", 10L),
                row(2L, "with, comma", 20L),
                row(3L, "say \"hi\"", 30L),
                row(4L, "", 40L));
    }

    @Test
    void csvBadLine_failsTheJobNamingTheFileAndLine() throws Exception {
        // Line 1 is the header, so "2,b,twenty" is line 3 of the file.
        Path file = Files.write(dir.resolve("scores.csv"), List.of("id,name,score", "1,a,10", "2,b,twenty", "3,c,30"));

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", file.toString(), "format", "CSV", "skipHeader", true, "schema", scoreSchema()),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining(file + " line 3").hasMessageContaining("score").hasMessageContaining("twenty");
    }

    @Test
    void skipHeader_skipsTheFirstLineWhateverItsLabels() throws Exception {
        Path file = Files.write(dir.resolve("scores.csv"), List.of("Player ID,Player name,Final score", "1,a,10", "2,b,20"));

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", file.toString(), "format", "CSV", "skipHeader", true, "schema", scoreSchema()),
                op("out", "collect")));

        assertThat(rows(result, "out")).containsExactly(row(1L, "a", 10L), row(2L, "b", 20L));
    }

    @Test
    void skipHeader_aFirstLineThatReadsAsARecord_isNotRecognisedAsAHeader_andFailsTheJob() throws Exception {
        // A file without a header: skipping its first line would lose the record 1,a,10.
        Path file = Files.write(dir.resolve("scores.csv"), List.of("1,a,10", "2,b,20"));

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", file.toString(), "format", "CSV", "skipHeader", true, "schema", scoreSchema()),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining(file + " line 1: not recognised as a header")
                .hasMessageContaining("id=1, name=a, score=10").hasMessageContaining("set skipHeader to false");
    }

    @Test
    void withoutSkipHeader_aHeaderLineFails_sayingItMayBeAHeader() throws Exception {
        Path file = Files.write(dir.resolve("scores.csv"), List.of("Player ID,Player name,Final score", "1,a,10"));

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", file.toString(), "format", "CSV", "schema", scoreSchema()),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining(file + " line 1: field 'id' is declared long but the value is Player ID")
                .hasMessageContaining("if line 1 is a header, set skipHeader to true");
    }

    @Test
    void watermarkMode_withoutAnEventTimeField_isWarnedAbout() {
        var result = JobValidator.standard().validate(chain(map(),
                op("in", "file-source", "path", dir.resolve("scores.csv").toString(), "format", "CSV", "schema", scoreSchema(),
                        "watermarkMode", "PER_RECORD"),
                op("out", "collect")));

        assertThat(result.errors()).isEmpty();
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("operators[0].params.watermarkMode");
            assertThat(p.message()).contains("has no effect without an eventTimeField");
        });
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void invalidLinesSkip_dropsAndCountsThem(int parallelism) throws Exception {
        // Two bad lines: a text where a long belongs, and too few values.
        Path file = Files.write(dir.resolve("scores.csv"), List.of("id,name,score", "1,a,10", "2,b,twenty", "3,c,30", "4,d", "5,e,50"));

        JobResult result = JobHarness.run(chain(map("parallelism.default", parallelism),
                op("in", "file-source", "path", file.toString(), "format", "CSV", "skipHeader", true, "schema", scoreSchema(),
                        "invalidLines", "SKIP"),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out")).containsExactlyInAnyOrder(row(1L, "a", 10L), row(3L, "c", 30L), row(5L, "e", 50L));
        assertThat(counter(result, "in", "numInvalidLinesSkipped")).isEqualTo(2);
    }

    @Test
    void parallelismTwo_readsEveryLineOfOneFileExactlyOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            lines.add("{\"id\": " + i + "}");
        }
        Path file = Files.write(dir.resolve("ids.jsonl"), lines);

        JobResult result = JobHarness.run(chain(map("parallelism.default", 2),
                op("in", "file-source", "path", file.toString(), "schema", List.of(map("name", "id", "type", "long"))),
                op("out", "collect")));

        List<Object> ids = rows(result, "out").stream().map(r -> r.get(0)).toList();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(0, 1000).boxed().toList());
        assertThat(result.results().of("out")).hasSize(2)
                .allSatisfy(c -> assertThat(((CollectSink.Collected) c).total()).isPositive());
    }

    @Test
    void folder_readsItsFilesInNameOrder_skippingHiddenFilesAndSubfolders() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("in"));
        Files.write(folder.resolve("b.jsonl"), List.of("{\"id\": 3}", "{\"id\": 4}"));
        Files.write(folder.resolve("a.jsonl"), List.of("{\"id\": 1}", "{\"id\": 2}"));
        Files.write(folder.resolve(".hidden.jsonl"), List.of("{\"id\": 99}"));
        Files.write(Files.createDirectory(folder.resolve("sub")).resolve("c.jsonl"), List.of("{\"id\": 98}"));

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", folder.toString(), "schema", List.of(map("name", "id", "type", "long"))),
                op("out", "collect")));

        assertThat(rows(result, "out")).containsExactly(row(1L), row(2L), row(3L), row(4L));
    }

    @Test
    void badLineInTheSecondFileOfAFolder_namesThatFileAndItsOwnLine() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("in"));
        Files.write(folder.resolve("a.jsonl"), List.of("{\"id\": 1}", "{\"id\": 2}", "{\"id\": 3}"));
        Path second = Files.write(folder.resolve("b.jsonl"), List.of("{\"id\": 4}", "{\"id\": 5", "{\"id\": 6}"));

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", folder.toString(), "schema", List.of(map("name", "id", "type", "long"))),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining(second + " line 2").hasMessageContaining("not a JSON object");
    }

    @Test
    void missingPath_failsTheJobNamingIt() throws Exception {
        Path missing = dir.resolve("nothing-here.jsonl");

        JobResult result = JobHarness.run(chain(map(),
                op("in", "file-source", "path", missing.toString(), "schema", List.of(map("name", "id", "type", "long"))),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    private static List<Map<String, Object>> fruitSchema() {
        return List.of(map("name", "id", "type", "long"), map("name", "price", "type", "double"),
                map("name", "ok", "type", "boolean"), map("name", "name", "type", "string"));
    }

    private static List<Map<String, Object>> scoreSchema() {
        return List.of(map("name", "id", "type", "long"), map("name", "name", "type", "string"), map("name", "score", "type", "long"));
    }
}
