package io.checkpointstudio.app.monitor;

import io.checkpointstudio.engine.checkpoint.CheckpointStats;
import io.checkpointstudio.engine.checkpoint.CheckpointStatus;
import io.checkpointstudio.engine.checkpoint.TaskCheckpointStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words the checkpoint views share: type, status, the "which subtask made it slow" headline, the tooltip. */
final class CheckpointText {
    private CheckpointText() {
    }

    static String type(CheckpointStats c) {
        if (c.isSavepoint()) {
            return "savepoint";
        }
        return "UNALIGNED_CHECKPOINT".equals(c.checkpointType()) ? "unaligned checkpoint" : "checkpoint";
    }

    static String status(CheckpointStatus s) {
        return s.name().replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    static String acknowledged(CheckpointStats c) {
        return c.numAcknowledgedSubtasks() + "/" + c.numSubtasks();
    }

    /** "Slowest: per-user #1 — 840 ms, of which async 700 ms". */
    static String headline(CheckpointStats c) {
        return CheckpointPhases.slowest(c).map(s -> {
            CheckpointPhases p = CheckpointPhases.of(s.subtask());
            CheckpointPhases.Phase d = p.dominant();
            return "Slowest: " + s.label() + " — " + Readable.millis(s.subtask().endToEndDuration()) + ", of which "
                    + d.label() + " " + Readable.millis(p.duration(d));
        }).orElse("No subtask has acknowledged yet");
    }

    /** The subtasks that have not acknowledged, e.g. "per-user #0, out #1" (empty when all did). */
    static String pending(CheckpointStats c) {
        List<String> names = new ArrayList<>();
        for (TaskCheckpointStats t : c.tasks()) {
            for (int i = 0; i < t.subtasks().size(); i++) {
                if (t.subtasks().get(i) == null) {
                    names.add(t.name() + " #" + i);
                }
            }
        }
        if (names.size() > 8) {
            int more = names.size() - 6;
            names = new ArrayList<>(names.subList(0, 6));
            names.add("and " + more + " more");
        }
        return String.join(", ", names);
    }

    static String tooltip(CheckpointStats c, long now) {
        StringBuilder b = new StringBuilder();
        b.append(capitalize(type(c))).append(' ').append(c.id()).append(" — ").append(status(c.status()))
                .append(", ").append(acknowledged(c)).append(" acknowledged\n");
        long duration = c.status() == CheckpointStatus.IN_PROGRESS ? now - c.triggerTimestamp() : c.endToEndDuration();
        b.append("Triggered ").append(Readable.clock(c.triggerTimestamp())).append(" · end-to-end ").append(Readable.millis(duration))
                .append(c.status() == CheckpointStatus.IN_PROGRESS ? " so far" : "").append('\n');
        b.append("Checkpointed ").append(Readable.bytes(c.checkpointedSize())).append(" · full ").append(Readable.bytes(c.stateSize()))
                .append(" · processed ").append(Readable.bytes(c.processedData())).append(" · persisted ").append(Readable.bytes(c.persistedData()));
        CheckpointPhases.slowest(c).ifPresent(s -> b.append("\nSlowest subtask ").append(s.label()).append(": ")
                .append(CheckpointPhases.of(s.subtask()).breakdown()));
        if (c.status() == CheckpointStatus.FAILED && c.failureMessage() != null) {
            b.append("\nFailed: ").append(c.failureMessage());
        }
        return b.toString();
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
