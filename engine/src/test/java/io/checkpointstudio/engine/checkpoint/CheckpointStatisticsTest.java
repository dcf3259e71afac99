package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.await;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.awaitCompleted;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.cancel;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.config;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.events;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.bench.ClicksJob;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobExecution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint statistics in the shape of Flink's REST {@code /jobs/:id/checkpoints} (counts, summary,
 * latest, history with per-task and per-subtask details) and the {@code _metadata} file, after a run with
 * several checkpoints.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class CheckpointStatisticsTest {
    static final String SOURCE_TASK = "clicks -> logged-in -> pair";
    static final String SUM_TASK = "per-user -> checksum";

    @TempDir
    Path dir;

    @Test
    void afterSeveralCheckpoints_countsSummaryLatestAndHistoryAgree() throws Exception {
        JobExecution job = start(unboundedClicks(2, 20_000, config(dir,
                "execution.checkpointing.interval", "100ms",
                "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")));
        awaitCompleted(job, 4);
        CheckpointStatsSnapshot running = job.checkpoints();
        cancel(job);
        CheckpointStatsSnapshot ended = job.checkpoints();

        for (CheckpointStatsSnapshot s : List.of(running, ended)) {
            assertConsistent(s);
        }
        assertThat(ended.counts().inProgress()).as("nothing in progress after cancel").isZero();
        assertThat(ended.counts().completed()).isGreaterThanOrEqualTo(4);

        CheckpointStats latest = ended.latestCompleted();
        assertThat(latest.id()).isEqualTo(ended.history().stream().filter(c -> c.status() == CheckpointStatus.COMPLETED)
                .mapToLong(CheckpointStats::id).max().orElseThrow());
        assertThat(latest.status()).isEqualTo(CheckpointStatus.COMPLETED);
        assertThat(latest.checkpointType()).isEqualTo("CHECKPOINT");
        assertThat(latest.isSavepoint()).isFalse();
        assertThat(latest.stateSize()).isPositive();
        assertThat(latest.checkpointedSize()).isPositive();
        assertThat(latest.endToEndDuration()).isGreaterThanOrEqualTo(0)
                .isEqualTo(latest.latestAckTimestamp() - latest.triggerTimestamp());
        assertThat(latest.numSubtasks()).isEqualTo(4);
        assertThat(latest.numAcknowledgedSubtasks()).isEqualTo(4);
        assertThat(latest.persistedData()).as("aligned checkpoints persist no in-flight data").isZero();
        assertThat(latest.externalPath()).endsWith("chk-" + latest.id());
        assertThat(latest.failureMessage()).isNull();
        assertThat(latest.tasks()).extracting(TaskCheckpointStats::name).containsExactly(SOURCE_TASK, SUM_TASK);
        assertThat(latest.tasks()).extracting(TaskCheckpointStats::operatorIds)
                .containsExactly(List.of(ClicksJob.SOURCE, "logged-in", "pair"), List.of(ClicksJob.SUM, ClicksJob.SINK));
        long stateSum = 0;
        for (TaskCheckpointStats t : latest.tasks()) {
            assertThat(t.numSubtasks()).isEqualTo(2);
            assertThat(t.numAcknowledgedSubtasks()).as(t.name()).isEqualTo(t.numSubtasks());
            assertThat(t.latestAckTimestamp()).isLessThanOrEqualTo(latest.latestAckTimestamp());
            for (int i = 0; i < t.numSubtasks(); i++) {
                SubtaskCheckpointStats s = t.subtasks().get(i);
                String what = t.name() + " subtask " + i;
                assertThat(s.index()).as(what).isEqualTo(i);
                assertThat(s.syncDuration()).as(what + " sync").isGreaterThanOrEqualTo(0);
                assertThat(s.asyncDuration()).as(what + " async").isGreaterThanOrEqualTo(0);
                assertThat(s.alignmentDuration()).as(what + " alignment").isGreaterThanOrEqualTo(0);
                assertThat(s.startDelay()).as(what + " start delay").isGreaterThanOrEqualTo(0);
                assertThat(s.ackTimestamp()).as(what + " ack").isGreaterThanOrEqualTo(latest.triggerTimestamp());
                assertThat(s.endToEndDuration()).as(what + " end to end").isEqualTo(s.ackTimestamp() - latest.triggerTimestamp());
                assertThat(s.stateSize()).as(what + " state").isPositive();
                assertThat(s.operatorStateSizes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.stateSize());
                assertThat(s.unalignedCheckpoint()).isFalse();
            }
            stateSum += t.stateSize();
        }
        assertThat(stateSum).isEqualTo(latest.stateSize());

        // Checkpoint ids increase, in the events as in the history.
        List<Long> completedInOrder = events(job, EngineEvent.CheckpointCompleted.class).stream()
                .map(EngineEvent.CheckpointCompleted::checkpointId).toList();
        assertThat(completedInOrder).hasSizeGreaterThanOrEqualTo(4).isSorted().doesNotHaveDuplicates();
        List<Long> triggeredInOrder = events(job, EngineEvent.CheckpointTriggered.class).stream()
                .map(EngineEvent.CheckpointTriggered::checkpointId).toList();
        assertThat(triggeredInOrder).isSorted().doesNotHaveDuplicates().startsWith(1L);

        // The retained checkpoint's _metadata: JSON, then a checksum line over it.
        Path chk = Path.of(latest.externalPath());
        String text = Files.readString(chk.resolve(CheckpointStorage.METADATA), StandardCharsets.UTF_8);
        int cut = text.lastIndexOf("\n#crc32=");
        assertThat(cut).isPositive();
        byte[] json = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(json);
        assertThat(text.substring(cut + 1).strip()).isEqualTo("#crc32=" + Long.toHexString(crc.getValue()) + " length=" + json.length);
        JsonNode md = new ObjectMapper().readTree(json);
        assertThat(md.get("format").asText()).isEqualTo(CheckpointMetadata.FORMAT);
        assertThat(md.get("jobId").asText()).isEqualTo(job.jobId());
        assertThat(md.get("checkpointId").asLong()).isEqualTo(latest.id());
        assertThat(md.get("tasks")).hasSize(2);
        List<String> names = new ArrayList<>();
        List<String> operatorIds = new ArrayList<>();
        md.get("tasks").forEach(t -> {
            names.add(t.get("name").asText());
            t.get("operatorIds").forEach(id -> operatorIds.add(id.asText()));
            assertThat(t.get("subtasks")).hasSize(2);
        });
        assertThat(names).containsExactly(SOURCE_TASK, SUM_TASK);
        assertThat(operatorIds).containsExactly(ClicksJob.SOURCE, "logged-in", "pair", ClicksJob.SUM, ClicksJob.SINK);
        assertThat(CheckpointStorage.readMetadata(chk).stateSize()).isEqualTo(latest.stateSize());
    }

    /**
     * A checkpoint that fails before any subtask took part (its folder cannot be created) is still a
     * triggered checkpoint: Flink counts it in {@code total} as well as in {@code failed}. The checkpoint
     * folder is usable when the job starts (it is checked then); the job's own folder below it is made a
     * file right after the start, long before the first checkpoint is due.
     */
    @Test
    void checkpointsFailingToCreateTheirFolder_areCountedAsTriggeredAndFailed() throws Exception {
        Path root = dir.resolve("checkpoints");
        JobExecution job = start(unboundedClicks(2, 20_000, config(root,
                "execution.checkpointing.interval", "500ms",
                "execution.checkpointing.tolerable-failed-checkpoints", 1000)));
        Files.writeString(root.resolve(job.jobId()), "not a directory");
        try {
            await(job, "2 failed checkpoints", () -> job.checkpoints().counts().failed() >= 2);
            CheckpointStatsSnapshot s = job.checkpoints();
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertConsistent(s);
            assertThat(s.latestFailed().failureMessage())
                    .startsWith(CheckpointFailureReason.IO_EXCEPTION.description()).contains("execution.checkpointing.dir");
        } finally {
            cancel(job);
        }
        assertConsistent(job.checkpoints());
        List<Long> failed = events(job, EngineEvent.CheckpointFailed.class).stream().map(EngineEvent.CheckpointFailed::checkpointId).toList();
        assertThat(events(job, EngineEvent.CheckpointTriggered.class)).extracting(EngineEvent.CheckpointTriggered::checkpointId)
                .containsExactlyElementsOf(failed);
    }

    /** Counts agree with the history (which holds every checkpoint here), and the summary with the completed ones. */
    static void assertConsistent(CheckpointStatsSnapshot s) {
        List<CheckpointStats> h = s.history();
        CheckpointStatsSnapshot.Counts c = s.counts();
        assertThat(c.total()).as("total").isEqualTo(h.size()).isEqualTo(c.completed() + c.failed() + c.inProgress());
        assertThat(c.completed()).as("completed").isEqualTo(h.stream().filter(x -> x.status() == CheckpointStatus.COMPLETED).count());
        assertThat(c.failed()).as("failed").isEqualTo(h.stream().filter(x -> x.status() == CheckpointStatus.FAILED).count());
        assertThat((long) c.inProgress()).as("in progress").isEqualTo(h.stream().filter(x -> x.status() == CheckpointStatus.IN_PROGRESS).count());
        // Newest first, ids 1..total without gaps.
        for (int i = 0; i < h.size(); i++) {
            assertThat(h.get(i).id()).as("history[%d]", i).isEqualTo(h.size() - i);
        }
        for (CheckpointStats x : h) {
            assertThat(x.numAcknowledgedSubtasks()).isBetween(0, x.numSubtasks());
            if (x.status() == CheckpointStatus.FAILED) {
                assertThat(x.failureMessage()).isNotBlank();
                assertThat(x.failureTimestamp()).isGreaterThanOrEqualTo(x.triggerTimestamp());
            }
            if (x.status() == CheckpointStatus.COMPLETED) {
                assertThat(x.numAcknowledgedSubtasks()).isEqualTo(x.numSubtasks());
                assertThat(x.tasks()).allSatisfy(t -> assertThat(t.subtasks()).allMatch(Objects::nonNull));
            }
        }
        List<CheckpointStats> completed = h.stream().filter(x -> x.status() == CheckpointStatus.COMPLETED).toList();
        CheckpointStatsSnapshot.Summary sum = s.summary();
        for (StatsSummary f : List.of(sum.checkpointedSize(), sum.stateSize(), sum.endToEndDuration(), sum.processedData(), sum.persistedData())) {
            assertThat((double) f.min()).isLessThanOrEqualTo(f.p50());
            assertThat(f.p50()).isLessThanOrEqualTo(f.p90());
            assertThat(f.p90()).isLessThanOrEqualTo(f.p99());
            assertThat(f.p99()).isLessThanOrEqualTo(f.max());
            assertThat(f.avg()).isBetween(f.min(), f.max());
        }
        if (!completed.isEmpty()) {
            assertThat(sum.stateSize().max()).isEqualTo(completed.stream().mapToLong(CheckpointStats::stateSize).max().orElseThrow());
            assertThat(sum.stateSize().min()).isEqualTo(completed.stream().mapToLong(CheckpointStats::stateSize).min().orElseThrow()).isPositive();
            assertThat(sum.endToEndDuration().max()).isEqualTo(completed.stream().mapToLong(CheckpointStats::endToEndDuration).max().orElseThrow());
            assertThat(sum.endToEndDuration().min()).isGreaterThanOrEqualTo(0);
        }
    }
}
