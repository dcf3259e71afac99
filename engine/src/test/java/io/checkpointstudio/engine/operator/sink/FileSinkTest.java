package io.checkpointstudio.engine.operator.sink;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.row;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink's part files, read back as text and compared with lines written out by hand. */
class FileSinkTest {
    @TempDir
    Path dir;

    @Test
    void json_writesOnePartFilePerSubtask_replacingAnEarlierRun() throws Exception {
        // The sequence 1..10 at parallelism 2 is cut into two ranges: subtask 0 emits 1..5, subtask 1
        // emits 6..10; each source runs chained with its sink subtask, so part-i holds subtask i's range.
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("part-0.jsonl"), "{\"value\":-1}\n{\"value\":-2}\n");

        JobResult result = JobHarness.run(chain(map("parallelism.default", 2),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("sink", "file-sink", "path", out.toString(), "format", "JSON")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(Files.readAllLines(out.resolve("part-0.jsonl"))).containsExactly(
                "{\"value\":1}", "{\"value\":2}", "{\"value\":3}", "{\"value\":4}", "{\"value\":5}");
        assertThat(Files.readAllLines(out.resolve("part-1.jsonl"))).containsExactly(
                "{\"value\":6}", "{\"value\":7}", "{\"value\":8}", "{\"value\":9}", "{\"value\":10}");
        assertThat(result.results().of("sink")).containsExactly(out.resolve("part-0.jsonl"), out.resolve("part-1.jsonl"));
    }

    @Test
    void json_escapesStringsAndWritesEveryType() throws Exception {
        Path in = Files.write(dir.resolve("in.jsonl"), List.of(
                "{\"id\": 1, \"score\": 1.5, \"ok\": true, \"name\": \"say \\\"hi\\\"\"}",
                "{\"id\": 2, \"score\": -0.5, \"ok\": false}"));
        Path out = dir.resolve("out");

        JobHarness.run(chain(map(),
                op("in", "file-source", "path", in.toString(), "schema", schema()),
                op("sink", "file-sink", "path", out.toString(), "format", "JSON")));

        assertThat(Files.readAllLines(out.resolve("part-0.jsonl"))).containsExactly(
                "{\"id\":1,\"score\":1.5,\"ok\":true,\"name\":\"say \\\"hi\\\"\"}",
                "{\"id\":2,\"score\":-0.5,\"ok\":false,\"name\":null}");
    }

    @Test
    void csv_startsEveryPartFileWithAHeader_quotesWhereNeeded_andReadsBack() throws Exception {
        Path in = Files.write(dir.resolve("in.jsonl"), List.of(
                "{\"id\": 1, \"score\": 1.5, \"ok\": true, \"name\": \"plain\"}",
                "{\"id\": 2, \"score\": 2.0, \"ok\": false, \"name\": \"a,b\"}",
                "{\"id\": 3, \"score\": -0.5, \"ok\": true, \"name\": \"say \\\"hi\\\"\"}"));
        Path out = dir.resolve("out");

        // One source subtask, two sink subtasks: how the rows spread over the two part files is up to the
        // rebalancing, but each part file has its header and together they hold every row once.
        JobResult result = JobHarness.run(chain(map("parallelism.default", 2),
                op("in", "file-source", "path", in.toString(), "schema", schema()).withParallelism(1),
                op("sink", "file-sink", "path", out.toString(), "format", "CSV")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        List<String> data = new ArrayList<>();
        for (String part : List.of("part-0.csv", "part-1.csv")) {
            List<String> lines = Files.readAllLines(out.resolve(part));
            assertThat(lines).first().isEqualTo("id,score,ok,name");
            data.addAll(lines.subList(1, lines.size()));
        }
        assertThat(data).containsExactlyInAnyOrder(
                "1,1.5,true,plain",
                "2,2.0,false,\"a,b\"",
                "3,-0.5,true,\"say \"\"hi\"\"\"");

        JobResult readBack = JobHarness.run(chain(map(),
                op("in", "file-source", "path", out.toString(), "format", "CSV", "skipHeader", true, "schema", schema()),
                op("rows", "collect")));
        assertThat(rows(readBack, "rows")).containsExactlyInAnyOrder(
                row(1L, 1.5, true, "plain"), row(2L, 2.0, false, "a,b"), row(3L, -0.5, true, "say \"hi\""));
    }

    private static List<Map<String, Object>> schema() {
        return List.of(map("name", "id", "type", "long"), map("name", "score", "type", "double"),
                map("name", "ok", "type", "boolean"), map("name", "name", "type", "string"));
    }
}
