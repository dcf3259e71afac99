package io.checkpointstudio.engine.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects checkpoint statistics on the coordinator's thread and publishes an immutable
 * {@link CheckpointStatsSnapshot} after every change, so readers never lock anything.
 */
public final class CheckpointStatsTracker {
    private final int historySize;
    private final ArrayDeque<CheckpointStats> history = new ArrayDeque<>();
    private final AtomicReference<CheckpointStatsSnapshot> snapshot = new AtomicReference<>(CheckpointStatsSnapshot.EMPTY);
    private long total;
    private long completed;
    private long failed;
    private long restored;
    private int consecutiveFailures;
    private CheckpointStats latestCompleted;
    private CheckpointStats latestSavepoint;
    private CheckpointStats latestFailed;
    private CheckpointStatsSnapshot.Restored latestRestored;
    private long[][] figures = new long[5][64];
    private int figureCount;

    public CheckpointStatsTracker(int historySize) {
        this.historySize = historySize;
    }

    public CheckpointStatsSnapshot snapshot() {
        return snapshot.get();
    }

    synchronized void triggered(CheckpointStats inProgress) {
        total++;
        put(inProgress);
    }

    /** Replaces the entry of an in-progress checkpoint (a subtask acknowledged). */
    synchronized void updated(CheckpointStats inProgress) {
        put(inProgress);
    }

    synchronized void completed(CheckpointStats c) {
        completed++;
        consecutiveFailures = 0;
        put(c);
        if (c.isSavepoint()) {
            latestSavepoint = c;
        } else {
            latestCompleted = c;
        }
        if (figureCount == figures[0].length) {
            for (int i = 0; i < figures.length; i++) {
                figures[i] = Arrays.copyOf(figures[i], figureCount * 2);
            }
        }
        figures[0][figureCount] = c.checkpointedSize();
        figures[1][figureCount] = c.stateSize();
        figures[2][figureCount] = c.endToEndDuration();
        figures[3][figureCount] = c.processedData();
        figures[4][figureCount] = c.persistedData();
        figureCount++;
        publish();
    }

    synchronized void failed(CheckpointStats f, boolean counts) {
        failed++;
        if (counts) {
            consecutiveFailures++;
        }
        latestFailed = f;
        put(f);
    }

    synchronized void discarded(long id) {
        List<CheckpointStats> copy = new ArrayList<>(history);
        history.clear();
        for (CheckpointStats c : copy) {
            history.addLast(c.id() == id ? new CheckpointStats(c.id(), c.status(), c.isSavepoint(), c.checkpointType(), c.triggerTimestamp(),
                    c.latestAckTimestamp(), c.endToEndDuration(), c.checkpointedSize(), c.stateSize(), c.processedData(), c.persistedData(),
                    c.numSubtasks(), c.numAcknowledgedSubtasks(), c.externalPath(), true, c.failureTimestamp(), c.failureMessage(), c.tasks()) : c);
        }
        publish();
    }

    public synchronized void restored(CheckpointStatsSnapshot.Restored r) {
        restored++;
        latestRestored = r;
        publish();
    }

    /** The job fails over because of the consecutive failures: counting starts again. */
    synchronized void resetConsecutiveFailures() {
        consecutiveFailures = 0;
        publish();
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    private void put(CheckpointStats c) {
        history.removeIf(h -> h.id() == c.id());
        history.addFirst(c);
        // keep newest first by id (an older checkpoint can be updated after a newer one was triggered)
        List<CheckpointStats> sorted = new ArrayList<>(history);
        sorted.sort((a, b) -> Long.compare(b.id(), a.id()));
        history.clear();
        history.addAll(sorted);
        while (history.size() > historySize) {
            history.removeLast();
        }
        publish();
    }

    private void publish() {
        int inProgress = (int) history.stream().filter(h -> h.status() == CheckpointStatus.IN_PROGRESS).count();
        CheckpointStatsSnapshot.Summary summary = new CheckpointStatsSnapshot.Summary(
                StatsSummary.of(figures[0], figureCount), StatsSummary.of(figures[1], figureCount), StatsSummary.of(figures[2], figureCount),
                StatsSummary.of(figures[3], figureCount), StatsSummary.of(figures[4], figureCount));
        snapshot.set(new CheckpointStatsSnapshot(new CheckpointStatsSnapshot.Counts(restored, total, inProgress, completed, failed),
                summary, latestCompleted, latestSavepoint, latestFailed, latestRestored, List.copyOf(history), consecutiveFailures));
    }
}
