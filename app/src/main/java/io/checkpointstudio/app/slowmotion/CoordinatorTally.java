package io.checkpointstudio.app.slowmotion;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the checkpoint coordinator's box says: the last three checkpoints' state and the acknowledgements that reached it. */
final class CoordinatorTally {
    private static final int CHECKPOINTS_SHOWN = 3;
    private static final int ACK_COUNTS_KEPT = 6;
    private final TreeMap<Long, Integer> arrived = new TreeMap<>();
    private final TreeMap<Long, String> state = new TreeMap<>();

    void reset() {
        arrived.clear();
        state.clear();
    }

    void triggered(long checkpoint, boolean unaligned) {
        state.put(checkpoint, unaligned ? "triggered (unaligned)" : "triggered");
        trim();
    }

    void completed(long checkpoint, boolean ok) {
        state.put(checkpoint, ok ? "completed ✓" : "failed ✗");
        trim();
    }

    void ackArrived(long checkpoint) {
        arrived.merge(checkpoint, 1, Integer::sum);
        state.putIfAbsent(checkpoint, "in progress");
        trim();
    }

    /** Acknowledgements that reached the coordinator, per checkpoint. */
    Map<Long, Integer> arrived() {
        return Map.copyOf(arrived);
    }

    /**
     * The box's lines: "chk 7: 3/4 acks, triggered" per checkpoint shown, the time stretch, and how many events
     * the playback skipped, if any.
     */
    String describe(int expectedAcks, double stretch, long skippedEvents) {
        StringBuilder b = new StringBuilder();
        state.forEach((cp, s) -> b.append("chk ").append(cp).append(": ").append(arrived.getOrDefault(cp, 0)).append('/')
                .append(expectedAcks).append(" acks, ").append(s).append('\n'));
        b.append(String.format(Locale.ROOT, "1 ms of the job = %.0f ms here", stretch));
        if (skippedEvents > 0) {
            b.append("\n").append(skippedEvents).append(" events skipped to keep up");
        }
        return b.toString();
    }

    private void trim() {
        while (state.size() > CHECKPOINTS_SHOWN) {
            state.pollFirstEntry();
        }
        while (arrived.size() > ACK_COUNTS_KEPT) {
            arrived.pollFirstEntry();
        }
    }
}
