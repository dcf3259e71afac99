package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunSnapshot;
import io.checkpointstudio.app.session.RunSource;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the monitor views bind to: the current run and its latest snapshot, refreshed on the JavaFX thread
 * at most ten times a second. Taking a snapshot only reads a volatile field, so the JavaFX thread never
 * waits on the engine; the property changes only when the snapshot's revision did, so views redraw only
 * then.
 */
public final class MonitorModel {
    private static final long FRAME_NANOS = 100_000_000L;

    private final EngineSession session;
    private final ObjectProperty<LiveRun> run = new SimpleObjectProperty<>(this, "run");
    private final ObjectProperty<RunSource> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<RunSnapshot> snapshot = new SimpleObjectProperty<>(this, "snapshot");
    private final AnimationTimer poller;
    private final long[] updateNanos = new long[4096];
    private int updates;

    public MonitorModel(EngineSession session) {
        this.session = session;
        this.poller = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last >= FRAME_NANOS) {
                    last = now;
                    refresh();
                }
            }
        };
        poller.start();
    }

    public EngineSession session() {
        return session;
    }

    /** Makes {@code newRun} the one every view shows. Call on the JavaFX thread. */
    public void show(LiveRun newRun) {
        show((RunSource) newRun);
    }

    /**
     * Makes {@code newSource} the one every view shows: a live run, a recording or an attached Flink job
     * (then {@link #run()} is null, so the views that command a live run disable themselves). A source
     * that is {@link AutoCloseable} (an attached Flink job) is closed when another one is shown. Call on
     * the JavaFX thread.
     */
    public void show(RunSource newSource) {
        RunSource old = source.get();
        if (old != newSource && old instanceof AutoCloseable closeable) {
            try {
                closeable.close(); // an attached Flink job stops being polled
            } catch (Exception e) {
                // nothing to do: it is no longer shown
            }
        }
        source.set(newSource);
        run.set(newSource instanceof LiveRun live ? live : null);
        if (newSource != null && !(newSource instanceof LiveRun) && run.get() == null) {
            snapshot.set(null); // the views reset for what comes next
        }
        refresh();
    }

    /** Takes the source's newest snapshot now (also called by the poller). */
    public void refresh() {
        RunSource r = source.get();
        if (r == null) {
            return;
        }
        RunSnapshot s = r.snapshot();
        RunSnapshot shown = snapshot.get();
        if (shown == null || shown != s) {
            long start = System.nanoTime();
            snapshot.set(s); // the views redraw in their listeners, on this thread
            updateNanos[updates++ % updateNanos.length] = System.nanoTime() - start;
        }
    }

    public ReadOnlyObjectProperty<LiveRun> runProperty() {
        return run;
    }

    public LiveRun run() {
        return run.get();
    }

    /** What the views show: the live run of {@link #runProperty()} or a recording. */
    public ReadOnlyObjectProperty<RunSource> sourceProperty() {
        return source;
    }

    public RunSource source() {
        return source.get();
    }

    /** The newest snapshot of the current run; null before the first run. */
    public ReadOnlyObjectProperty<RunSnapshot> snapshotProperty() {
        return snapshot;
    }

    public RunSnapshot snapshot() {
        return snapshot.get();
    }

    /** How long the views took to take in each of the latest snapshots (up to 4,096), in nanoseconds; for the frame benchmark. */
    public long[] recentUpdateNanos() {
        return java.util.Arrays.copyOf(updateNanos, Math.min(updates, updateNanos.length));
    }

    public void dispose() {
        poller.stop();
    }
}
