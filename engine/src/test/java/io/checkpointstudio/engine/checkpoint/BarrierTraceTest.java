package io.checkpointstudio.engine.checkpoint;

import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.await;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.config;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.start;
import static io.checkpointstudio.engine.checkpoint.CheckpointJobs.unboundedClicks;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace;
import io.checkpointstudio.engine.runtime.JobExecution;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The barrier trace behind the studio's slow motion: with tracing on, every barrier's path through the
 * clicks job (two source subtasks, a hash edge, two keyed subtasks with two input channels each) is
 * published in causal order; unaligned checkpoints under back-pressure report the in-flight data they
 * capture; with tracing off nothing is published.
 */
@ExtendWith(CheckpointJobs.CloseJobs.class)
class BarrierTraceTest {
    private static final String SOURCE_TASK = "clicks -> logged-in -> pair";
    private static final String SUM_TASK = "per-user -> checksum";

    @TempDir
    Path dir;

    /** Every event the job publishes, in the order the bus delivers them (the order of publication). */
    private static List<EngineEvent> record(JobExecution job) {
        List<EngineEvent> all = new CopyOnWriteArrayList<>();
        job.events().subscribe(all::add);
        return all;
    }

    private static <T extends BarrierTrace> List<T> traces(List<EngineEvent> events, Class<T> type, long checkpointId) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> e.checkpointId() == checkpointId).toList();
    }

    private static int indexOf(List<EngineEvent> events, Predicate<EngineEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean at(BarrierTrace e, String task, int subtask) {
        return e.task().equals(task) && e.subtask() == subtask;
    }

    @Test
    void anAlignedCheckpointIsTracedFromTheSourcesThroughBlockedChannelsToEveryAcknowledgement() throws Exception {
        JobExecution job = start(unboundedClicks(2, 40_000, config(dir, "execution.checkpointing.interval", "150ms",
                "execution.checkpointing.mode", "EXACTLY_ONCE")));
        List<EngineEvent> events = record(job);
        job.traceBarriers(true);
        assertThat(job.tracingBarriers()).isTrue();
        // the first traced checkpoint may have started before tracing did; those after it are whole
        await(job, "two whole traced checkpoints", () -> completedAfterFirstTraced(events).size() >= 2);
        job.traceBarriers(false);
        List<EngineEvent> seen = List.copyOf(events);

        for (long id : completedAfterFirstTraced(seen)) {
            for (int s = 0; s < 2; s++) {
                int source = s;
                int emitted = indexOf(seen, e -> e instanceof BarrierTrace.BarrierEmitted b && b.checkpointId() == id && at(b, SOURCE_TASK, source));
                assertThat(emitted).as("checkpoint %d: barrier emitted by source %d", id, s).isGreaterThanOrEqualTo(0);
                for (int to = 0; to < 2; to++) {
                    int target = to;
                    int sent = indexOf(seen, e -> e instanceof BarrierTrace.BarrierSent b && b.checkpointId() == id && at(b, SOURCE_TASK, source)
                            && b.toTask().equals(SUM_TASK) && b.toSubtask() == target);
                    int received = indexOf(seen, e -> e instanceof BarrierTrace.BarrierReceived r && r.checkpointId() == id
                            && at(r, SUM_TASK, target) && r.fromTask().equals(SOURCE_TASK) && r.fromSubtask() == source && r.channel() == source);
                    assertThat(sent).as("checkpoint %d: sent %d -> %d", id, s, to).isGreaterThan(emitted);
                    assertThat(received).as("checkpoint %d: received by %d from %d", id, to, s).isGreaterThan(sent);
                }
            }
            for (int s = 0; s < 2; s++) {
                int sub = s;
                List<BarrierTrace.BarrierReceived> received = traces(seen, BarrierTrace.BarrierReceived.class, id).stream()
                        .filter(r -> at(r, SUM_TASK, sub)).toList();
                assertThat(received).extracting(BarrierTrace.BarrierReceived::channel).containsExactlyInAnyOrder(0, 1);
                assertThat(received).noneMatch(BarrierTrace.BarrierReceived::overtaking);
                // the first barrier blocks its channel until the second arrives; then both flow again
                List<BarrierTrace.ChannelBlocked> blocked = traces(seen, BarrierTrace.ChannelBlocked.class, id).stream()
                        .filter(b -> at(b, SUM_TASK, sub)).toList();
                assertThat(blocked).hasSize(1);
                assertThat(blocked.get(0).aligned()).isEqualTo(1);
                assertThat(blocked.get(0).channels()).isEqualTo(2);
                int blockedAt = seen.indexOf(blocked.get(0));
                int releasedAt = indexOf(seen, e -> e instanceof BarrierTrace.ChannelReleased r && r.checkpointId() == id && at(r, SUM_TASK, sub)
                        && r.channel() == blocked.get(0).channel());
                int lastReceived = received.stream().mapToInt(seen::indexOf).max().orElseThrow();
                assertThat(releasedAt).isGreaterThan(lastReceived).isGreaterThan(blockedAt);
                int aligned = indexOf(seen, e -> e instanceof BarrierTrace.AlignmentCompleted a && a.checkpointId() == id && at(a, SUM_TASK, sub)
                        && !a.unaligned() && a.channels() == 2);
                assertThat(aligned).isGreaterThan(lastReceived);
                int ack = indexOf(seen, e -> e instanceof BarrierTrace.AckSent a && a.checkpointId() == id && at(a, SUM_TASK, sub));
                assertThat(ack).as("checkpoint %d: ack of keyed subtask %d after all its barriers", id, s).isGreaterThan(aligned);
            }
            for (String task : List.of(SOURCE_TASK, SUM_TASK)) {
                for (int s = 0; s < 2; s++) {
                    int sub = s;
                    int syncStart = indexOf(seen, e -> e instanceof BarrierTrace.SnapshotStarted x && x.checkpointId() == id && at(x, task, sub)
                            && x.phase() == BarrierTrace.Phase.SYNC);
                    int syncEnd = indexOf(seen, e -> e instanceof BarrierTrace.SnapshotFinished x && x.checkpointId() == id && at(x, task, sub)
                            && x.phase() == BarrierTrace.Phase.SYNC);
                    int asyncEnd = indexOf(seen, e -> e instanceof BarrierTrace.SnapshotFinished x && x.checkpointId() == id && at(x, task, sub)
                            && x.phase() == BarrierTrace.Phase.ASYNC);
                    List<BarrierTrace.AckSent> acks = traces(seen, BarrierTrace.AckSent.class, id).stream().filter(a -> at(a, task, sub)).toList();
                    assertThat(acks).as("checkpoint %d: one ack from %s #%d", id, task, s).hasSize(1);
                    assertThat(syncStart).isGreaterThanOrEqualTo(0);
                    assertThat(syncEnd).isGreaterThan(syncStart);
                    assertThat(asyncEnd).isGreaterThan(syncEnd);
                    assertThat(seen.indexOf(acks.get(0))).isGreaterThan(asyncEnd);
                }
            }
            // the coordinator hears of every ack before it completes the checkpoint
            int completed = indexOf(seen, e -> e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() == id);
            int lastAck = traces(seen, BarrierTrace.AckSent.class, id).stream().mapToInt(seen::indexOf).max().orElseThrow();
            assertThat(completed).isGreaterThan(lastAck);
        }
    }

    @Test
    void unalignedCheckpointsUnderBackPressureReportTheInFlightDataTheyCapture() throws Exception {
        FaultInjector faults = new FaultInjector();
        faults.slow("checksum", 30); // the keyed task falls behind: its input channels stay full
        JobExecution job = start(unboundedClicks(2, 0, config(dir, "execution.checkpointing.interval", "150ms",
                "execution.checkpointing.mode", "EXACTLY_ONCE", "execution.checkpointing.unaligned.enabled", true,
                "execution.checkpointing.tolerable-failed-checkpoints", 1000)), faults);
        List<EngineEvent> events = record(job);
        job.traceBarriers(true);
        await(job, "a completed unaligned checkpoint that captured in-flight data", () -> completedAfterFirstTraced(events).stream()
                .anyMatch(id -> traces(events, BarrierTrace.InFlightCaptured.class, id).stream().anyMatch(c -> c.bytes() > 0)));
        List<EngineEvent> seen = List.copyOf(events);
        long id = completedAfterFirstTraced(seen).stream()
                .filter(c -> traces(seen, BarrierTrace.InFlightCaptured.class, c).stream().anyMatch(x -> x.bytes() > 0)).findFirst().orElseThrow();
        List<BarrierTrace.InFlightCaptured> captured = traces(seen, BarrierTrace.InFlightCaptured.class, id);
        assertThat(captured).allSatisfy(c -> {
            assertThat(c.task()).isEqualTo(SUM_TASK);
            assertThat(c.fromTask()).isEqualTo(SOURCE_TASK);
            assertThat(c.fromSubtask()).isEqualTo(c.channel());
            assertThat(c.buffers()).isPositive();
            assertThat(c.bytes()).isPositive();
        });
        assertThat(traces(seen, BarrierTrace.BarrierReceived.class, id)).anyMatch(BarrierTrace.BarrierReceived::overtaking);
        assertThat(traces(seen, BarrierTrace.ChannelBlocked.class, id)).as("unaligned checkpoints block no channel").isEmpty();
        // what an ack reports persisted is what the subtask's capture events add up to
        for (int s = 0; s < 2; s++) {
            int sub = s;
            long capturedBytes = captured.stream().filter(c -> c.subtask() == sub).mapToLong(BarrierTrace.InFlightCaptured::bytes).sum();
            int ack = indexOf(seen, e -> e instanceof BarrierTrace.AckSent a && a.checkpointId() == id && at(a, SUM_TASK, sub));
            assertThat(ack).isGreaterThanOrEqualTo(0);
            assertThat(((BarrierTrace.AckSent) seen.get(ack)).inFlightBytes() > 0).isEqualTo(capturedBytes > 0);
            captured.stream().filter(c -> c.subtask() == sub).forEach(c -> assertThat(seen.indexOf(c)).isLessThan(ack));
        }
    }

    @Test
    void withTracingOffNoBarrierTraceIsPublished() throws Exception {
        JobExecution job = start(unboundedClicks(2, 40_000, config(dir, "execution.checkpointing.interval", "100ms")));
        List<EngineEvent> events = record(job);
        await(job, "three completed checkpoints", () -> events.stream().filter(e -> e instanceof EngineEvent.CheckpointCompleted).count() >= 3);
        assertThat(job.tracingBarriers()).isFalse();
        assertThat(events).noneMatch(e -> e instanceof BarrierTrace);
        assertThat(job.events().recent()).noneMatch(e -> e instanceof BarrierTrace);

        // switched on and off again: checkpoints triggered after that publish nothing either
        job.traceBarriers(true);
        await(job, "a traced checkpoint", () -> events.stream().anyMatch(e -> e instanceof BarrierTrace.AckSent));
        job.traceBarriers(false);
        long lastTriggered = events.stream().filter(e -> e instanceof EngineEvent.CheckpointTriggered)
                .mapToLong(e -> ((EngineEvent.CheckpointTriggered) e).checkpointId()).max().orElseThrow();
        // (one more may have been triggered before its event reached us, and traced)
        await(job, "three more checkpoints", () -> events.stream().anyMatch(e -> e instanceof EngineEvent.CheckpointCompleted c
                && c.checkpointId() >= lastTriggered + 3));
        assertThat(events).noneMatch(e -> e instanceof BarrierTrace t && t.checkpointId() > lastTriggered + 1);
        assertThat(job.events().recent()).as("traces are not kept as history").noneMatch(e -> e instanceof BarrierTrace);
    }

    /** Completed checkpoints newer than the first one with any trace (which may have begun before tracing did). */
    private static List<Long> completedAfterFirstTraced(List<EngineEvent> events) {
        long first = events.stream().filter(e -> e instanceof BarrierTrace).mapToLong(e -> ((BarrierTrace) e).checkpointId()).min().orElse(Long.MAX_VALUE);
        return events.stream().filter(e -> e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() > first)
                .map(e -> ((EngineEvent.CheckpointCompleted) e).checkpointId()).collect(Collectors.toList());
    }
}
