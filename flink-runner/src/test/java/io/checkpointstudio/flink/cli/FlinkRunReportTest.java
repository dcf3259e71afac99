package io.checkpointstudio.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flink run} ends with one line per sink: what a checksum or collect sink got, where a file sink wrote. */
class FlinkRunReportTest {
    @TempDir
    Path dir;

    @Test
    void run_printsWhatEachSinkGotOrWhereItWrote() throws Exception {
        Path files = dir.resolve("out");
        Path job = dir.resolve("report.job.json");
        Files.writeString(job, """
                {"format": "checkpoint-studio/job@1", "name": "report", "config": {"parallelism.default": 1},
                 "operators": [
                   {"id": "numbers", "type": "datagen-sequence", "params": {"from": 1, "to": 100}},
                   {"id": "pairs", "type": "map", "params": {"fields": {"key": "value % 10", "value": "value"}}},
                   {"id": "sums", "type": "checksum-sink", "params": {"keyField": "key", "valueField": "value"}},
                   {"id": "rows", "type": "collect", "params": {}},
                   {"id": "files", "type": "file-sink", "params": {"path": "FOLDER"}}],
                 "edges": [["numbers", "pairs"], ["pairs", "sums"], ["pairs", "rows"], ["pairs", "files"]]}
                """.replace("FOLDER", files.toString().replace("\\", "\\\\")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = FlinkMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", job.toString(),
                "--rest-port", String.valueOf(freePort()));

        assertThat(exit).as(err.toString()).isZero();
        // the latest value of key k (1..9) is 90 + k, of key 0 it is 100: 955 in all, 0 * 100 + 1 * 91 + ... + 9 * 99 = 4335 weighted
        assertThat(out.toString().lines().skip(1)).containsExactly(
                "  sums: records=100 checksum=955 weightedChecksum=4335 keys=10",
                "  rows: 100 rows collected",
                "  files: part files in " + files);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
