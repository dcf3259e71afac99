package io.checkpointstudio.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDocumentsTest {

    /** The clicks job with every part a document can have, numbers as reading gives them (long, double). */
    private static JobDocument clicksJob() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("parallelism.default", 2L);
        config.put("execution.checkpointing.interval", "3min");
        config.put("state.checkpoints.dir", "file:///tmp/checkpoint-studio/checkpoints");
        config.put("state.backend.incremental", true);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("userId", "userId");
        fields.put("clicks", "1L");
        List<OperatorSpec> operators = List.of(
                new OperatorSpec("clicks", "datagen-clicks", "Clicks", 1, Map.of("events", 100_000L, "users", 1000L)),
                OperatorSpec.of("logged-in", "filter", Map.of("condition", "loggedIn")),
                OperatorSpec.of("pair", "map", Map.of("fields", fields)),
                OperatorSpec.of("by-user", "key-by", Map.of("key", "userId")),
                OperatorSpec.of("per-user", "sum", Map.of("field", "clicks")),
                OperatorSpec.of("out", "checksum-sink", Map.of("keyField", "userId", "valueField", "clicks")));
        List<EdgeSpec> edges = List.of(new EdgeSpec("clicks", "logged-in"), new EdgeSpec("logged-in", "pair"),
                new EdgeSpec("pair", "by-user"), new EdgeSpec("by-user", "per-user"), new EdgeSpec("per-user", "out"));
        Map<String, NodePosition> layout = new LinkedHashMap<>();
        layout.put("clicks", new NodePosition(40, 120));
        layout.put("logged-in", new NodePosition(220.5, 120));
        return new JobDocument(JobDocument.FORMAT, "clicks-per-user", "Counts the clicks of logged-in users, per user",
                config, operators, edges, layout);
    }

    private static JobDocument parsed(String text) {
        JobDocuments.ReadResult read = JobDocuments.parse(text);
        assertThat(read.problems()).isEmpty();
        return read.document().orElseThrow();
    }

    /** The keys at one indentation, in the order the text has them. */
    private static List<String> keysIndentedBy(String text, int spaces) {
        Matcher m = Pattern.compile("(?m)^ {" + spaces + "}\"([^\"]+)\":").matcher(text);
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void writeThenRead_givesTheSameDocument(@TempDir Path dir) throws IOException {
        JobDocument doc = clicksJob();
        Path file = dir.resolve("clicks.job.json");

        JobDocuments.write(doc, file);
        JobDocuments.ReadResult read = JobDocuments.read(file);

        assertThat(read.problems()).isEmpty();
        assertThat(read.document()).contains(doc);
    }

    @Test
    void readThenWrite_givesTheSameDocumentAgain() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/valid-jobs/clicks-per-user.job.json").toURI());
        JobDocument read = JobDocuments.read(file).document().orElseThrow();

        String written = JobDocuments.toJson(read);

        assertThat(parsed(written)).isEqualTo(read);
        assertThat(JobDocuments.toJson(parsed(written))).isEqualTo(written);
    }

    @Test
    void stringsWithJsonPunctuation_areWrittenExactly() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("label", "String.valueOf(userId) + \":\" + ts");
        fields.put("pair", "\"[\" + userId + \"],[\" + ts + \"]\"");
        fields.put("list", "\"a\",\"b\"");
        JobDocument doc = clicksJob()
                .withOperator(OperatorSpec.of("pair", "map", Map.of("fields", fields)))
                .withName("clicks \"per\": user, [all]");

        JobDocument again = parsed(JobDocuments.toJson(doc));

        assertThat(again).isEqualTo(doc);
        assertThat(again.operator("pair").orElseThrow().params().get("fields")).isEqualTo(fields);
    }

    @Test
    void keys_areWrittenInAStableOrder_withLayoutLast() {
        String shuffled = """
                {
                  "layout": {"clicks": [40, 120]},
                  "edges": [["clicks", "out"]],
                  "operators": [
                    {"params": {"prefix": "> "}, "parallelism": 1, "name": "Show", "type": "print", "id": "out"},
                    {"params": {"events": 10}, "type": "datagen-clicks", "id": "clicks"}
                  ],
                  "config": {"execution.checkpointing.interval": "30s", "parallelism.default": 2},
                  "description": "Prints clicks",
                  "name": "print-clicks",
                  "format": "checkpoint-studio/job@1"
                }
                """;

        String written = JobDocuments.toJson(parsed(shuffled));

        assertThat(keysIndentedBy(written, 2))
                .containsExactly("format", "name", "description", "config", "operators", "edges", "layout");
        assertThat(keysIndentedBy(written, 6)).containsExactly(
                "id", "type", "name", "parallelism", "params",
                "id", "type", "params");
        assertThat(written).endsWith("""
                  "layout": {
                    "clicks": [40, 120]
                  }
                }
                """);
    }

    @Test
    void configEntries_keepTheirOrderAndTheKeyAsWritten() {
        String written = JobDocuments.toJson(parsed(JobDocuments.toJson(clicksJob())));

        assertThat(keysIndentedBy(written, 4)).startsWith(
                "parallelism.default", "execution.checkpointing.interval", "state.checkpoints.dir", "state.backend.incremental");
    }

    @Test
    void deprecatedConfigKey_isKeptAsWritten_onSave() {
        JobDocument doc = clicksJob().withConfigValue("parallelism.default", 4L);

        String written = JobDocuments.toJson(doc);

        assertThat(written)
                .contains("    \"state.checkpoints.dir\": \"file:///tmp/checkpoint-studio/checkpoints\",\n")
                .contains("    \"state.backend.incremental\": true\n")
                .doesNotContain("execution.checkpointing.dir")
                .doesNotContain("execution.checkpointing.incremental");
        assertThat(parsed(written).config()).containsEntry("state.checkpoints.dir", "file:///tmp/checkpoint-studio/checkpoints");
    }

    @Test
    void edges_areWrittenOnePerLine_asFromToPairs() {
        String written = JobDocuments.toJson(clicksJob());

        assertThat(written).contains("""
                  "edges": [
                    ["clicks", "logged-in"],
                    ["logged-in", "pair"],
                    ["pair", "by-user"],
                    ["by-user", "per-user"],
                    ["per-user", "out"]
                  ],
                """);
    }

    @Test
    void smallValues_stayOnTheirLine_withASpaceAfterEachComma() {
        String written = JobDocuments.toJson(clicksJob());

        assertThat(written)
                .contains("        \"fields\": {\"userId\": \"userId\", \"clicks\": \"1L\"}\n")
                .contains("    \"clicks\": [40, 120],\n")
                .contains("    \"logged-in\": [220.5, 120]\n");
    }

    @Test
    void operatorWithoutType_keepsItsPlace_soThatPathsMatchTheFile() {
        JobDocuments.ReadResult read = JobDocuments.parse("""
                {
                  "format": "checkpoint-studio/job@1",
                  "name": "no-type",
                  "operators": [
                    {"id": "clicks", "type": "datagen-clicks"},
                    {"id": "logged-in", "params": {"condition": "loggedIn"}},
                    {"id": "out", "type": "print"}
                  ],
                  "edges": [["clicks", "logged-in"], ["logged-in", "out"]]
                }
                """);

        assertThat(read.document().orElseThrow().operators()).extracting(OperatorSpec::id)
                .containsExactly("clicks", "logged-in", "out");
        assertThat(JobValidator.standard().validate(read.document().orElseThrow()).problems())
                .extracting(Problem::toString)
                .containsExactly("operators[1].type: is required: the kind of operator, one of datagen-clicks, datagen-sequence,"
                        + " file-source, kafka-source, filter, map, flat-map, key-by, sum, count, min, max, reduce, window, file-sink, kafka-sink, print,"
                        + " collect, checksum-sink, postgres-sink");
    }

    @Test
    void textAfterTheDocument_isNotValidJson() {
        JobDocuments.ReadResult read = JobDocuments.parse("{\"format\": \"checkpoint-studio/job@1\"}\n}\n");

        assertThat(read.document()).isEmpty();
        assertThat(read.problems()).extracting(Problem::toString).containsExactly(
                "line 2, column 1: not valid JSON: more text after the end of the document; is there a '}' or ']' too many?");
    }
}
