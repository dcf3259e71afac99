package io.checkpointstudio.engine.operator.sink;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The print sink writes JSON lines to standard output, prefixed with the subtask when parallel (as Flink's). */
class PrintSinkTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStdout() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(original);
    }

    @Test
    void print_writesOneJsonLinePerRecordToStdout() throws Exception {
        JobResult result = JobHarness.run(chain(map(),
                op("numbers", "datagen-sequence", "from", 1, "to", 3),
                op("print", "print", "prefix", "n: ")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(stdoutLines()).containsExactly("n: {\"value\":1}", "n: {\"value\":2}", "n: {\"value\":3}");
    }

    @Test
    void print_atParallelismTwo_prefixesEachLineWithItsSubtask() throws Exception {
        // Subtask 1 of 2 (printed "1> ") emits 1..2, subtask 2 ("2> ") emits 3..4.
        JobHarness.run(chain(map("parallelism.default", 2),
                op("numbers", "datagen-sequence", "from", 1, "to", 4),
                op("print", "print")));

        assertThat(stdoutLines()).containsExactlyInAnyOrder(
                "1> {\"value\":1}", "1> {\"value\":2}", "2> {\"value\":3}", "2> {\"value\":4}");
    }

    private List<String> stdoutLines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
