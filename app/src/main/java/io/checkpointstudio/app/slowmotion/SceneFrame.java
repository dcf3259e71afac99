package io.checkpointstudio.app.slowmotion;

import java.util.List;

/**
 * What the barrier slow motion draws at one instant, placed in the canvas's world coordinates: the
 * {@link BarrierScene}'s answer for a frame, which the renderer turns into shapes.
 */
public record SceneFrame(
        List<Barrier> barriers,
        List<Alignment> alignments,
        List<InFlight> inFlight,
        List<Snapshot> snapshots,
        List<Ack> acks,
        Coordinator coordinator) {

    public SceneFrame {
        barriers = List.copyOf(barriers);
        alignments = List.copyOf(alignments);
        inFlight = List.copyOf(inFlight);
        snapshots = List.copyOf(snapshots);
        acks = List.copyOf(acks);
    }

    /** One drawn figure; {@code key} stays the same from frame to frame while the figure lives. */
    public sealed interface Figure permits Barrier, Alignment, InFlight, Snapshot, Ack {
        String key();
    }

    /** A barrier in transit on one channel, at (x, y). */
    public record Barrier(String key, long checkpointId, boolean unaligned, double x, double y) implements Figure {
    }

    /**
     * A subtask's input side while it aligns: a bar (at barX, barY, barHeight tall) that is red while
     * channels are held back ({@code blocked}) and green once all are aligned, and a line of text at (textX, textY).
     */
    public record Alignment(String key, boolean blocked, String text, double barX, double barY, double barHeight,
                            double textX, double textY) implements Figure {
    }

    /** The in-flight data an unaligned checkpoint captured on an edge: a badge centred on centreX, its top at y. */
    public record InFlight(String key, String text, double centreX, double y) implements Figure {
    }

    /** A task's snapshots in progress (or a source emitting a barrier): a label whose top-left corner is (x, y). */
    public record Snapshot(String key, String text, double x, double y) implements Figure {
    }

    /** An acknowledgement on its way from a subtask to the coordinator, at (x, y). */
    public record Ack(String key, long checkpointId, double x, double y) implements Figure {
    }

    /** The checkpoint coordinator's box at (x, y), scaled by {@code scale} so that it keeps its size on screen. */
    public record Coordinator(String text, double x, double y, double scale) {
    }
}
