package io.checkpointstudio.engine.operator.transform;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Word count: text file → flat-map into words → key-by word → count → collect. */
class FlatMapOperatorTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void wordCount_matchesTheWordsCountedByHand(int parallelism) throws Exception {
        // Each line is read whole as one CSV field (tab-separated, and the text has no tabs or quotes);
        // the blank line is skipped by the source; anything but a-z separates words.
        Path text = Files.write(dir.resolve("text.txt"), List.of(
                "the cat sat on the mat",
                "the dog sat",
                "",
                "a cat, a dog; the end"));
        // Counted by hand:
        //   the: 2 (line 1) + 1 (line 2) + 1 (line 4) = 4
        //   cat: 1 + 1 = 2      sat: 1 + 1 = 2      dog: 1 + 1 = 2      a: 2 (line 4)
        //   on: 1               mat: 1              end: 1
        Map<String, Long> expected = Map.of("the", 4L, "cat", 2L, "sat", 2L, "dog", 2L, "a", 2L, "on", 1L, "mat", 1L, "end", 1L);

        JobResult result = JobHarness.run(chain(map("parallelism.default", parallelism),
                op("text", "file-source", "path", text.toString(), "format", "CSV", "delimiter", "\t",
                        "schema", List.of(map("name", "line", "type", "string"))),
                op("words", "flat-map", "field", "line", "separator", "[^a-z]+", "as", "word"),
                op("by-word", "key-by", "key", "word"),
                op("count", "count"),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        // The count emits a running (word, count) per word; each word lives in one subtask, in order,
        // so the last row of a word holds its final count.
        Map<Object, Object> last = new HashMap<>();
        List<List<Object>> out = rows(result, "out");
        out.forEach(r -> last.put(r.get(0), r.get(r.size() - 1)));
        assertThat(last).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(out).hasSize(15);
    }
}
