package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace;
import io.checkpointstudio.engine.monitor.EventBus;
import java.util.List;

/**
 * Publishes the {@link BarrierTrace} events of one job execution while tracing is on. Off, it costs the
 * engine one volatile read per barrier and per snapshot (never per record): every publishing site asks
 * {@link SubtaskTrace#on()} first and builds no event otherwise. The events go to the job's
 * {@link EventBus}, which never blocks the publishing thread.
 */
final class BarrierTracer {
    private final PhysicalPlan plan;
    private final EventBus events;
    private volatile boolean on;

    BarrierTracer(PhysicalPlan plan, EventBus events) {
        this.plan = plan;
        this.events = events;
    }

    void enable(boolean enabled) {
        on = enabled;
    }

    boolean on() {
        return on;
    }

    /** The tracing of one subtask: its name and where each of its input channels comes from and each output goes. */
    SubtaskTrace forSubtask(TaskVertex vertex, int index) {
        return new SubtaskTrace(vertex, index);
    }

    final class SubtaskTrace {
        final String task;
        final int subtask;
        /** Per input channel (in the input gate's numbering): the upstream task and subtask. */
        private final String[] channelTask;
        private final int[] channelSubtask;
        /** Per output edge (in the record writer's order), per target: the downstream task and subtask. */
        private final String[] outTask;
        private final int[][] outSubtasks;

        private SubtaskTrace(TaskVertex vertex, int index) {
            this.task = vertex.name();
            this.subtask = index;
            // The same channel numbering as JobAttempt's: input edges in plan order, one channel per
            // upstream subtask (one for a forward edge, fed by the subtask of the same index).
            List<TaskEdge> inputs = plan.inputsOf(vertex.index());
            int channels = 0;
            for (TaskEdge e : inputs) {
                channels += e.partitioning() == Partitioning.FORWARD ? 1 : plan.vertices().get(e.from()).parallelism();
            }
            channelTask = new String[channels];
            channelSubtask = new int[channels];
            int c = 0;
            for (TaskEdge e : inputs) {
                TaskVertex from = plan.vertices().get(e.from());
                if (e.partitioning() == Partitioning.FORWARD) {
                    channelTask[c] = from.name();
                    channelSubtask[c++] = index;
                } else {
                    for (int s = 0; s < from.parallelism(); s++) {
                        channelTask[c] = from.name();
                        channelSubtask[c++] = s;
                    }
                }
            }
            List<TaskEdge> outputs = plan.outputsOf(vertex.index());
            outTask = new String[outputs.size()];
            outSubtasks = new int[outputs.size()][];
            for (int i = 0; i < outputs.size(); i++) {
                TaskEdge e = outputs.get(i);
                TaskVertex to = plan.vertices().get(e.to());
                outTask[i] = to.name();
                if (e.partitioning() == Partitioning.FORWARD) {
                    outSubtasks[i] = new int[] {index};
                } else {
                    outSubtasks[i] = new int[to.parallelism()];
                    for (int s = 0; s < to.parallelism(); s++) {
                        outSubtasks[i][s] = s;
                    }
                }
            }
        }

        /** Whether tracing is on now: the one volatile read that guards every publication. */
        boolean on() {
            return on;
        }

        private void publish(BarrierTrace event) {
            events.publish(event);
        }

        void emitted(ChannelEvent.Barrier b) {
            publish(new BarrierTrace.BarrierEmitted(System.currentTimeMillis(), System.nanoTime(), b.checkpointId(), task, subtask,
                    b.unaligned()));
        }

        /** Called right before the barrier goes into target {@code target} of output edge {@code edge}, so it precedes its receipt. */
        void sent(ChannelEvent.Barrier b, int edge, int target) {
            publish(new BarrierTrace.BarrierSent(System.currentTimeMillis(), System.nanoTime(), b.checkpointId(), task, subtask,
                    outTask[edge], outSubtasks[edge][target], b.unaligned()));
        }

        void received(long checkpointId, int channel, boolean overtaking) {
            publish(new BarrierTrace.BarrierReceived(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask, channel,
                    channelTask[channel], channelSubtask[channel], overtaking));
        }

        void blocked(long checkpointId, int channel, int aligned, int channels) {
            publish(new BarrierTrace.ChannelBlocked(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask, channel,
                    channelTask[channel], channelSubtask[channel], aligned, channels));
        }

        void released(long checkpointId, int channel) {
            publish(new BarrierTrace.ChannelReleased(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask, channel,
                    channelTask[channel], channelSubtask[channel]));
        }

        void aligned(long checkpointId, int channels, long micros, boolean unaligned) {
            publish(new BarrierTrace.AlignmentCompleted(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask,
                    channels, micros, unaligned));
        }

        void switchedToUnaligned(long checkpointId, long alignedMicros) {
            publish(new BarrierTrace.SwitchedToUnaligned(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask,
                    alignedMicros));
        }

        void inFlight(long checkpointId, int channel, int buffers, long bytes) {
            publish(new BarrierTrace.InFlightCaptured(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask, channel,
                    channelTask[channel], channelSubtask[channel], buffers, bytes));
        }

        void snapshotStarted(long checkpointId, BarrierTrace.Phase phase) {
            publish(new BarrierTrace.SnapshotStarted(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask, phase));
        }

        void snapshotFinished(long checkpointId, BarrierTrace.Phase phase, long micros) {
            publish(new BarrierTrace.SnapshotFinished(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask, phase,
                    micros));
        }

        void ackSent(long checkpointId, long stateBytes, long inFlightBytes) {
            publish(new BarrierTrace.AckSent(System.currentTimeMillis(), System.nanoTime(), checkpointId, task, subtask, stateBytes,
                    inFlightBytes));
        }
    }
}
