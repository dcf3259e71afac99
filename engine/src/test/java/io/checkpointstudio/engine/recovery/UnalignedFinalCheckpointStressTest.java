package io.checkpointstudio.engine.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.source.ClickEvents;
import io.checkpointstudio.engine.operator.sink.FileSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded job with unaligned checkpoints must commit every record of its exactly-once file sink. The window
 * operator is slowed, so when the sources end most of their records are still queued before it: an unaligned
 * barrier of the final checkpoint would overtake them (and the end of the data), the sink would commit that
 * checkpoint before the last windows fired, and those lines would stay in an in-progress file for ever. The
 * case is repeated at parallelism 2 and 4 because the race does not show in every run.
 */
class UnalignedFinalCheckpointStressTest {
    private static final int RUNS = 50;
    private static final long EVENTS = 3_000;
    private static final int USERS = 20;
    private static final long SEED = 7;

    @TempDir
    Path dir;

    @Test
    void unalignedCheckpointsAtTheEndOfABoundedJob_neverLeaveUncommittedLinesBehind() throws Exception {
        TreeMap<String, Long> expected = expectedCountsPerUserAndSecond();
        for (int run = 0; run < RUNS; run++) {
            int parallelism = run % 2 == 0 ? 2 : 4;
            Path out = dir.resolve("out-" + run);
            FaultInjector faults = new FaultInjector();
            faults.slow("cnt", 40);
            try (JobExecution job = ExactlyOnceRecoveryTest.start(windowedCountsToFiles(parallelism, out, dir.resolve("chk-" + run)), faults)) {
                JobResult result = Recovery.awaitEnd(job);

                assertThat(result.status()).as("run %d", run).isEqualTo(JobStatus.FINISHED);
                assertThat(inProgressFiles(out)).as("run %d at parallelism %d: part files never committed", run, parallelism).isEmpty();
                assertThat(committedCounts(out)).as("run %d at parallelism %d: the committed lines", run, parallelism)
                        .isEqualTo(expected);
            }
        }
    }

    /** clicks (ts = event number in ms) → key-by user → 1 s tumbling event-time count → file sink, unaligned checkpoints every 20 ms. */
    private static JobDocument windowedCountsToFiles(int parallelism, Path out, Path checkpoints) {
        return JobHarness.chain(JobHarness.map(
                        "parallelism.default", parallelism,
                        "execution.checkpointing.interval", "20ms",
                        "execution.checkpointing.unaligned.enabled", true,
                        "execution.checkpointing.dir", checkpoints.toString()),
                JobHarness.op("clicks", "datagen-clicks", "events", EVENTS, "users", (long) USERS, "seed", SEED, "eventTimeField", "ts"),
                JobHarness.op("by-user", "key-by", "key", "userId"),
                JobHarness.op("cnt", "window", "kind", "TUMBLING", "size", "1s", "time", "EVENT", "timeField", "ts", "aggregate", "COUNT"),
                JobHarness.op("out", "file-sink", "path", out.toString(), "format", "CSV", "header", false));
    }

    /** "userId,windowStart" → count, straight from the generator: event i belongs to second i / 1000. */
    private static TreeMap<String, Long> expectedCountsPerUserAndSecond() {
        TreeMap<String, Long> counts = new TreeMap<>();
        for (long i = 0; i < EVENTS; i++) {
            counts.merge(ClickEvents.userId(SEED, i, USERS) + "," + (i / 1000) * 1000, 1L, Long::sum);
        }
        return counts;
    }

    /** The same key from each committed line (userId, window_start, window_end, count), with its count. */
    private static TreeMap<String, Long> committedCounts(Path out) throws Exception {
        TreeMap<String, Long> counts = new TreeMap<>();
        for (Path part : FileSink.committedParts(out)) {
            for (String line : Files.readAllLines(part)) {
                String[] v = line.split(",");
                Long previous = counts.put(v[0] + "," + v[1], Long.parseLong(v[3]));
                assertThat(previous).as("line %s in %s appears twice", line, part.getFileName()).isNull();
            }
        }
        return counts;
    }

    private static List<Path> inProgressFiles(Path out) throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            files.filter(f -> f.getFileName().toString().endsWith(".inprogress")).forEach(found::add);
        }
        return found;
    }
}
