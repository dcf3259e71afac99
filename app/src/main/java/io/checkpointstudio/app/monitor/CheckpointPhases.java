package io.checkpointstudio.app.monitor;

import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import java.util.Optional;

/**
 * Where a checkpoint's time went, read from the subtask that acknowledged last (the one that decided the
 * checkpoint's end): waiting for the first barrier, aligning, the synchronous capture and the asynchronous
 * write. What the four do not explain (e.g. the acknowledgement's trip to the coordinator) is {@link #other}.
 */
public record CheckpointPhases(long startDelay, long alignment, long sync, long async, long endToEnd) {

    public enum Phase {
        START_DELAY("start delay"), ALIGNMENT("alignment"), SYNC("sync"), ASYNC("async");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The subtask that acknowledged last; ties go to the larger end-to-end duration. */
    public record Slowest(String task, TaskCheckpointStats taskStats, SubtaskCheckpointStats subtask) {
        public String label() {
            return task + " #" + subtask.index();
        }
    }

    public static Optional<Slowest> slowest(CheckpointStats checkpoint) {
        Slowest best = null;
        for (TaskCheckpointStats t : checkpoint.tasks()) {
            for (SubtaskCheckpointStats s : t.subtasks()) {
                if (s == null) {
                    continue;
                }
                if (best == null || s.endToEndDuration() > best.subtask().endToEndDuration()
                        || s.endToEndDuration() == best.subtask().endToEndDuration() && s.ackTimestamp() > best.subtask().ackTimestamp()) {
                    best = new Slowest(t.name(), t, s);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The phases of the checkpoint's slowest subtask; empty while no subtask has acknowledged. */
    public static Optional<CheckpointPhases> of(CheckpointStats checkpoint) {
        return slowest(checkpoint).map(s -> of(s.subtask()));
    }

    public static CheckpointPhases of(SubtaskCheckpointStats s) {
        return new CheckpointPhases(positive(s.startDelay()), positive(s.alignmentDuration()), positive(s.syncDuration()),
                positive(s.asyncDuration()), positive(s.endToEndDuration()));
    }

    private static long positive(long v) {
        return Math.max(0, v);
    }

    public long duration(Phase phase) {
        return switch (phase) {
            case START_DELAY -> startDelay;
            case ALIGNMENT -> alignment;
            case SYNC -> sync;
            case ASYNC -> async;
        };
    }

    /** Time inside the end-to-end duration that no phase accounts for. */
    public long other() {
        return Math.max(0, endToEnd - startDelay - alignment - sync - async);
    }

    /**
     * Each phase's share of the bar, in phase order; they sum to at most 1. When the phases add up to more
     * than the end-to-end duration (clock granularity), they are scaled to fill it.
     */
    public double[] fractions() {
        long sum = startDelay + alignment + sync + async;
        double total = Math.max(sum, endToEnd);
        double[] f = new double[4];
        if (total <= 0) {
            return f;
        }
        for (Phase p : Phase.values()) {
            f[p.ordinal()] = duration(p) / total;
        }
        return f;
    }

    public Phase dominant() {
        Phase best = Phase.START_DELAY;
        for (Phase p : Phase.values()) {
            if (duration(p) > duration(best)) {
                best = p;
            }
        }
        return best;
    }

    /** "start delay 3 ms · alignment 0 ms · sync 1 ms · async 40 ms". */
    public String breakdown() {
        StringBuilder b = new StringBuilder();
        for (Phase p : Phase.values()) {
            if (b.length() > 0) {
                b.append(" · ");
            }
            b.append(p.label()).append(' ').append(Readable.millis(duration(p)));
        }
        return b.toString();
    }
}
