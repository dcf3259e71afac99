package io.checkpointstudio.app.slowmotion;

import io.checkpointstudio.app.monitor.Readable;
import io.checkpointstudio.app.slowmotion.SceneLayout.Point;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The barrier slow motion's scene, without JavaFX: it plays the engine's barrier trace (through a
 * {@link BarrierPlayback}, in the recorded order and relative timing, stretched) into what there is to see
 * (one barrier per channel in transit, the input channels a subtask holds back while it aligns, the in-flight
 * data an unaligned checkpoint captures, each task's snapshots in progress, the acknowledgements on their way
 * and the coordinator's tally) and, each {@link #frame}, places those figures on the designer's drawing
 * ({@link SceneLayout}). Animation time is passed in, so tests drive it without a clock or a window.
 *
 * <p>A barrier whose arrival has not been played yet approaches the end of its edge without reaching it; one
 * whose arrival is waiting in the playback travels until that arrival is due. Figures of checkpoints older
 * than the previous one are forgotten (skipped, lost or long done).
 */
public final class BarrierScene {
    private static final long MS = 1_000_000L;
    private static final long MIN_TRAVEL = 350 * MS;
    private static final long ACK_TRAVEL = 700 * MS;
    private static final long BARRIER_APPROACH = 900 * MS;
    private static final long LINGER = 300 * MS;
    private static final long BADGE_LINGER = 2500 * MS;
    private static final long EMITTED_LINGER = 600 * MS;
    private static final long LOST = 15_000 * MS;
    /** Vertical distance between the lanes of one edge's channels. */
    private static final double LANE = 7;

    private final BarrierPlayback playback = new BarrierPlayback(100, 1200 * MS, 8000 * MS, 4000);
    private RunTasks tasks = RunTasks.NONE;
    private long now;
    private long newestCheckpoint;
    private long acksSent;
    private String coordinatorText = "";

    private final Map<String, Barrier> barriers = new LinkedHashMap<>();
    private final Map<String, Alignment> alignments = new LinkedHashMap<>();
    private final Map<String, TaskSnapshots> snapshots = new LinkedHashMap<>();
    private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
    private final List<Ack> acks = new ArrayList<>();
    private final CoordinatorTally coordinator = new CoordinatorTally();
    private final Map<String, Integer> shown = new TreeMap<>();

    /** The clock the trace plays by. */
    public BarrierPlayback playback() {
        return playback;
    }

    /**
     * Starts over for a run: {@code chains} names each task's operators in chain order, {@code parallelism}
     * each operator's parallelism.
     */
    public void reset(Map<String, List<String>> chains, Map<String, Integer> parallelism) {
        this.tasks = new RunTasks(chains, parallelism);
        clear();
    }

    /** Forgets every figure and every waiting event (the counts of {@link #shownCounts} stay). */
    public void clear() {
        playback.clear();
        barriers.clear();
        alignments.clear();
        snapshots.clear();
        inFlight.clear();
        acks.clear();
        coordinator.reset();
        newestCheckpoint = 0;
        coordinatorText = "";
    }

    /** An event of the trace, arriving at animation time {@code now}. */
    public void offer(EngineEvent event, long now) {
        playback.offer(event, now);
    }

    /** Plays the events due at animation time {@code now} and places what is to be drawn on {@code layout}. */
    public SceneFrame frame(long now, JobDocument document, SceneLayout layout) {
        this.now = now;
        for (BarrierPlayback.Scheduled s : playback.due(now)) {
            play(s.event());
        }
        List<SceneFrame.Barrier> barrierFigures = placeBarriers(document, layout);
        List<SceneFrame.Alignment> alignmentFigures = placeAlignments(layout);
        List<SceneFrame.InFlight> inFlightFigures = placeInFlight(document, layout);
        List<SceneFrame.Snapshot> snapshotFigures = placeSnapshots(layout);
        Point corner = layout.coordinatorCorner();
        List<SceneFrame.Ack> ackFigures = placeAcks(layout, corner);
        coordinatorText = coordinator.describe(tasks.subtasks(), playback.stretch(), playback.dropped());
        SceneFrame.Coordinator coordinatorFigure = new SceneFrame.Coordinator(coordinatorText, corner.x(), corner.y(), 1 / layout.zoom());
        return new SceneFrame(barrierFigures, alignmentFigures, inFlightFigures, snapshotFigures, ackFigures, coordinatorFigure);
    }

    // ---- playing the trace

    private void play(EngineEvent e) {
        long cp = BarrierPlayback.checkpointOf(e);
        if (cp > newestCheckpoint) {
            newestCheckpoint = cp;
            prune();
        }
        if (e instanceof BarrierTrace.BarrierSent s) {
            String key = channelKey(s.checkpointId(), s.task(), s.subtask(), s.toTask(), s.toSubtask());
            barriers.put(key, new Barrier(key, s, now));
            count("barrier");
        } else if (e instanceof BarrierTrace.BarrierReceived r) {
            Barrier b = barriers.get(channelKey(r.checkpointId(), r.fromTask(), r.fromSubtask(), r.task(), r.subtask()));
            if (b != null && b.arrivedAt == 0) {
                b.arrivedAt = Math.max(now, b.sentAt + MIN_TRAVEL);
            }
        } else if (e instanceof BarrierTrace.ChannelBlocked b) {
            Alignment a = alignments.computeIfAbsent(subtaskKey(b.task(), b.subtask()), k -> new Alignment(k, b.task(), b.subtask()));
            if (a.checkpointId != b.checkpointId()) {
                a.blocked.clear();
            }
            a.checkpointId = b.checkpointId();
            a.blocked.add(b.channel());
            a.aligned = b.aligned();
            a.channels = b.channels();
            a.releasedAt = 0;
            count("blocked");
        } else if (e instanceof BarrierTrace.ChannelReleased r) {
            Alignment a = alignments.get(subtaskKey(r.task(), r.subtask()));
            if (a != null && a.checkpointId == r.checkpointId()) {
                a.blocked.remove(r.channel());
                if (a.blocked.isEmpty()) {
                    a.aligned = a.channels;
                    a.releasedAt = now;
                }
            }
        } else if (e instanceof BarrierTrace.AlignmentCompleted c) {
            Alignment a = alignments.get(subtaskKey(c.task(), c.subtask()));
            if (a != null && a.checkpointId == c.checkpointId()) {
                a.blocked.clear();
                a.aligned = a.channels;
                if (a.releasedAt == 0) {
                    a.releasedAt = now;
                }
            }
        } else if (e instanceof BarrierTrace.InFlightCaptured c) {
            String key = c.fromTask() + "\u0000" + c.task();
            InFlight f = inFlight.get(key);
            if (f == null || f.checkpointId != c.checkpointId()) {
                f = new InFlight(key, c.fromTask(), c.task(), c.checkpointId());
                inFlight.put(key, f);
                count("in-flight");
            }
            f.bytes += c.bytes();
            f.buffers += c.buffers();
            f.until = now + BADGE_LINGER * 4;
        } else if (e instanceof BarrierTrace.SnapshotStarted s) {
            taskSnapshots(s.task()).phase.put(s.subtask(), new Phase(s.checkpointId(), s.phase().name().toLowerCase(Locale.ROOT)));
            count("snapshot");
        } else if (e instanceof BarrierTrace.SnapshotFinished f) {
            TaskSnapshots t = taskSnapshots(f.task());
            if (f.phase() == BarrierTrace.Phase.ASYNC) {
                t.phase.remove(f.subtask());
            } else {
                t.phase.put(f.subtask(), new Phase(f.checkpointId(), "sync done"));
            }
        } else if (e instanceof BarrierTrace.BarrierEmitted b) {
            TaskSnapshots t = taskSnapshots(b.task());
            t.emitted = b.checkpointId();
            t.emittedAt = now;
        } else if (e instanceof BarrierTrace.AckSent a) {
            acks.add(new Ack("ack-" + acksSent++, a, now));
            count("ack");
        } else if (e instanceof EngineEvent.CheckpointAcknowledged a) {
            for (Ack d : acks) {
                if (d.arrivedAt == 0 && d.checkpointId == a.checkpointId() && d.task.equals(a.task()) && d.subtask == a.subtask()) {
                    d.arrivedAt = Math.max(now, d.sentAt + MIN_TRAVEL);
                    break;
                }
            }
        } else if (e instanceof EngineEvent.CheckpointTriggered t) {
            coordinator.triggered(t.checkpointId(), t.unaligned());
        } else if (e instanceof EngineEvent.CheckpointCompleted c) {
            coordinator.completed(c.checkpointId(), true);
            for (InFlight f : inFlight.values()) {
                if (f.checkpointId == c.checkpointId()) {
                    f.until = Math.min(f.until, now + BADGE_LINGER);
                }
            }
        } else if (e instanceof EngineEvent.CheckpointFailed f) {
            coordinator.completed(f.checkpointId(), false);
        }
    }

    /** Forgets what belongs to checkpoints older than the previous one (skipped, lost or long done). */
    private void prune() {
        long keep = newestCheckpoint - 1;
        barriers.values().removeIf(b -> b.checkpointId < keep);
        acks.removeIf(a -> a.checkpointId < keep);
        inFlight.values().removeIf(f -> f.checkpointId < keep);
        alignments.values().forEach(a -> {
            if (a.checkpointId < keep) {
                a.blocked.clear();
            }
        });
        snapshots.values().forEach(t -> t.phase.values().removeIf(p -> p.checkpointId() < keep));
    }

    private TaskSnapshots taskSnapshots(String task) {
        return snapshots.computeIfAbsent(task, TaskSnapshots::new);
    }

    private void count(String what) {
        shown.merge(what, 1, Integer::sum);
    }

    // ---- placing the figures

    private List<SceneFrame.Barrier> placeBarriers(JobDocument document, SceneLayout layout) {
        List<SceneFrame.Barrier> out = new ArrayList<>();
        for (Iterator<Barrier> it = barriers.values().iterator(); it.hasNext(); ) {
            Barrier b = it.next();
            if (b.arrivedAt == 0) {
                OptionalLong due = playback.dueOf(e -> e instanceof BarrierTrace.BarrierReceived r && r.checkpointId() == b.checkpointId
                        && r.task().equals(b.toTask) && r.subtask() == b.toSubtask && r.fromTask().equals(b.fromTask)
                        && r.fromSubtask() == b.fromSubtask);
                b.expectedAt = due.isPresent() ? Math.max(due.getAsLong(), b.sentAt + MIN_TRAVEL) : 0;
            }
            long end = b.arrivedAt != 0 ? b.arrivedAt : b.expectedAt;
            double p;
            if (end != 0) {
                p = Math.min(1, (double) (now - b.sentAt) / Math.max(1, end - b.sentAt));
            } else {
                // its arrival is not known yet: approach the end without reaching it
                p = 0.92 * (1 - Math.exp(-(double) (now - b.sentAt) / BARRIER_APPROACH));
            }
            boolean gone = b.arrivedAt != 0 && now > b.arrivedAt + LINGER || now - b.sentAt > LOST;
            List<EdgeSpec> path = tasks.path(b.fromTask, b.toTask, document, layout);
            if (gone || path.isEmpty()) {
                it.remove();
                continue;
            }
            Point at = pointOn(path, p, layout);
            int lanes = Math.max(1, tasks.parallelism(b.fromTask) * tasks.parallelism(b.toTask));
            int lane = b.fromSubtask * tasks.parallelism(b.toTask) + b.toSubtask;
            double dy = (lane - (lanes - 1) / 2.0) * LANE;
            b.progress = p;
            out.add(new SceneFrame.Barrier(b.key, b.checkpointId, b.unaligned, at.x(), at.y() + dy));
        }
        return out;
    }

    private List<SceneFrame.Alignment> placeAlignments(SceneLayout layout) {
        List<SceneFrame.Alignment> out = new ArrayList<>();
        for (Alignment a : alignments.values()) {
            Optional<Point> head = tasks.head(a.task, layout);
            boolean show = head.isPresent() && (!a.blocked.isEmpty() || a.releasedAt != 0 && now - a.releasedAt < LINGER * 2);
            if (!show) {
                continue;
            }
            int p = Math.max(1, tasks.parallelism(a.task));
            double h = (layout.nodeHeight() - 8) / p;
            double x = head.get().x() - 14;
            double y = head.get().y();
            String text = a.blocked.isEmpty() ? "chk " + a.checkpointId + " #" + a.subtask + ": all channels aligned"
                    : "chk " + a.checkpointId + " #" + a.subtask + ": " + a.aligned + "/" + a.channels + " channels aligned, "
                    + (a.channels - a.aligned) + " blocked";
            out.add(new SceneFrame.Alignment(a.key, !a.blocked.isEmpty(), text, x, y + 4 + a.subtask * h, h - 2,
                    x + 14, y - 30 - a.subtask * 13));
        }
        return out;
    }

    private List<SceneFrame.InFlight> placeInFlight(JobDocument document, SceneLayout layout) {
        List<SceneFrame.InFlight> out = new ArrayList<>();
        for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext(); ) {
            InFlight f = it.next();
            List<EdgeSpec> path = tasks.path(f.fromTask, f.toTask, document, layout);
            if (now > f.until || path.isEmpty()) {
                it.remove();
                continue;
            }
            Point at = pointOn(path, 0.72, layout);
            String text = "chk " + f.checkpointId + " in-flight " + Readable.bytes(f.bytes) + " (" + f.buffers + " buffers)";
            out.add(new SceneFrame.InFlight(f.key, text, at.x(), at.y() + 16));
        }
        return out;
    }

    private List<SceneFrame.Snapshot> placeSnapshots(SceneLayout layout) {
        List<SceneFrame.Snapshot> out = new ArrayList<>();
        for (TaskSnapshots t : snapshots.values()) {
            Optional<Point> head = tasks.head(t.task, layout);
            String text = t.describe(now);
            if (head.isPresent() && !text.isEmpty()) {
                out.add(new SceneFrame.Snapshot(t.task, text, head.get().x(), head.get().y() - 22));
            }
        }
        return out;
    }

    private List<SceneFrame.Ack> placeAcks(SceneLayout layout, Point corner) {
        List<SceneFrame.Ack> out = new ArrayList<>();
        for (Iterator<Ack> it = acks.iterator(); it.hasNext(); ) {
            Ack d = it.next();
            Optional<Point> from = tasks.tail(d.task, layout);
            if (d.arrivedAt == 0) {
                // the coordinator's receipt of this ack, if it is waiting to be played
                OptionalLong due = playback.dueOf(e -> e instanceof EngineEvent.CheckpointAcknowledged a && a.checkpointId() == d.checkpointId
                        && a.task().equals(d.task) && a.subtask() == d.subtask);
                d.expectedAt = due.isPresent() ? Math.max(due.getAsLong(), d.sentAt + MIN_TRAVEL) : 0;
            }
            long end = d.arrivedAt != 0 ? d.arrivedAt : d.expectedAt;
            if (d.arrivedAt != 0 && now >= end && !d.counted) {
                d.counted = true;
                coordinator.ackArrived(d.checkpointId);
            }
            if (from.isEmpty() || d.arrivedAt != 0 && now > end + LINGER / 2 || now - d.sentAt > LOST) {
                it.remove();
                continue;
            }
            double p = end != 0 ? Math.min(1, (double) (now - d.sentAt) / Math.max(1, end - d.sentAt))
                    : 0.9 * (1 - Math.exp(-(double) (now - d.sentAt) / (double) ACK_TRAVEL));
            double x0 = from.get().x() + layout.nodeWidth() / 2;
            double y0 = from.get().y() + layout.nodeHeight() / 2;
            double x1 = corner.x() + 8;
            double y1 = corner.y() + 30;
            out.add(new SceneFrame.Ack(d.key, d.checkpointId, x0 + (x1 - x0) * p, y0 + (y1 - y0) * p - Math.sin(Math.PI * p) * 40 + d.subtask * 6));
        }
        return out;
    }

    private static Point pointOn(List<EdgeSpec> path, double p, SceneLayout layout) {
        double scaled = Math.max(0, Math.min(1, p)) * path.size();
        int i = Math.min(path.size() - 1, (int) scaled);
        return layout.pointOn(path.get(i), scaled - i);
    }

    private static String channelKey(long cp, String fromTask, int fromSubtask, String toTask, int toSubtask) {
        return cp + "|" + fromTask + "#" + fromSubtask + "|" + toTask + "#" + toSubtask;
    }

    private static String subtaskKey(String task, int subtask) {
        return task + "#" + subtask;
    }

    // ---- what is shown now (read-only, for tests and the curious)

    /** Barriers in transit: "chk 3 clicks#0 -> per-user#1 (aligned, 45%)". */
    public List<String> barrierMarkers() {
        return barriers.values().stream().map(b -> "chk " + b.checkpointId + " " + tasks.first(b.fromTask) + "#" + b.fromSubtask + " -> "
                + tasks.first(b.toTask) + "#" + b.toSubtask + " (" + (b.unaligned ? "unaligned" : "aligned") + ", "
                + Math.round(b.progress * 100) + "%)").toList();
    }

    /** Subtasks whose channels alignment holds back now: "per-user#0 chk 3 1/2 channels aligned". */
    public List<String> blockedIndicators() {
        return alignments.values().stream().filter(a -> !a.blocked.isEmpty())
                .map(a -> tasks.first(a.task) + "#" + a.subtask + " chk " + a.checkpointId + " " + a.aligned + "/" + a.channels + " channels aligned")
                .toList();
    }

    /** In-flight data badges: "chk 4 pair -> per-user 1.2 MB in 6 buffers". */
    public List<String> inFlightBadges() {
        return inFlight.values().stream().map(f -> "chk " + f.checkpointId + " " + tasks.last(f.fromTask) + " -> " + tasks.first(f.toTask) + " "
                + Readable.bytes(f.bytes) + " in " + f.buffers + " buffers").toList();
    }

    /** Snapshots in progress per task: "per-user chk 3 snapshot sync 1 · async 1". */
    public List<String> snapshotBadges() {
        return snapshots.values().stream().filter(t -> !t.phase.isEmpty()).map(t -> tasks.first(t.task) + " " + t.describe(now)).toList();
    }

    /** Acknowledgements on their way to the coordinator: "chk 3 per-user#1". */
    public List<String> ackMarkers() {
        return acks.stream().map(a -> "chk " + a.checkpointId + " " + tasks.first(a.task) + "#" + a.subtask).toList();
    }

    /** Acknowledgements that reached the coordinator, per checkpoint. */
    public Map<Long, Integer> acksAtCoordinator() {
        return coordinator.arrived();
    }

    /** The coordinator's text as of the last frame. */
    public String coordinatorText() {
        return coordinatorText;
    }

    /** How many of each kind of figure were shown since the scene was made (barrier, blocked, in-flight, snapshot, ack). */
    public Map<String, Integer> shownCounts() {
        return Map.copyOf(shown);
    }

    // ---- what the figures remember between frames

    private static final class Barrier {
        final String key;
        final long checkpointId;
        final String fromTask;
        final int fromSubtask;
        final String toTask;
        final int toSubtask;
        final boolean unaligned;
        final long sentAt;
        long arrivedAt;
        long expectedAt;
        double progress;

        Barrier(String key, BarrierTrace.BarrierSent s, long now) {
            this.key = key;
            checkpointId = s.checkpointId();
            fromTask = s.task();
            fromSubtask = s.subtask();
            toTask = s.toTask();
            toSubtask = s.toSubtask();
            unaligned = s.unaligned();
            sentAt = now;
        }
    }

    private static final class Alignment {
        final String key;
        final String task;
        final int subtask;
        final Set<Integer> blocked = new TreeSet<>();
        long checkpointId;
        int aligned;
        int channels;
        long releasedAt;

        Alignment(String key, String task, int subtask) {
            this.key = key;
            this.task = task;
            this.subtask = subtask;
        }
    }

    private record Phase(long checkpointId, String name) {
    }

    private static final class TaskSnapshots {
        final String task;
        final Map<Integer, Phase> phase = new TreeMap<>();
        long emitted;
        long emittedAt;

        TaskSnapshots(String task) {
            this.task = task;
        }

        String describe(long now) {
            StringBuilder b = new StringBuilder();
            if (emitted > 0 && now - emittedAt < EMITTED_LINGER) {
                b.append("barrier ").append(emitted).append(" ▶ ");
            }
            if (!phase.isEmpty()) {
                long cp = phase.values().stream().mapToLong(Phase::checkpointId).max().orElse(0);
                Map<String, Integer> byPhase = new TreeMap<>();
                phase.values().stream().filter(p -> p.checkpointId() == cp).forEach(p -> byPhase.merge(p.name(), 1, Integer::sum));
                b.append("chk ").append(cp).append(" snapshot ");
                List<String> parts = new ArrayList<>();
                byPhase.forEach((k, v) -> parts.add(k + " " + v));
                b.append(String.join(" · ", parts));
            }
            return b.toString().trim();
        }
    }

    private static final class InFlight {
        final String key;
        final String fromTask;
        final String toTask;
        final long checkpointId;
        long bytes;
        int buffers;
        long until;

        InFlight(String key, String fromTask, String toTask, long checkpointId) {
            this.key = key;
            this.fromTask = fromTask;
            this.toTask = toTask;
            this.checkpointId = checkpointId;
        }
    }

    private static final class Ack {
        final String key;
        final long checkpointId;
        final String task;
        final int subtask;
        final long sentAt;
        long arrivedAt;
        long expectedAt;
        boolean counted;

        Ack(String key, BarrierTrace.AckSent a, long now) {
            this.key = key;
            checkpointId = a.checkpointId();
            task = a.task();
            subtask = a.subtask();
            sentAt = now;
        }
    }
}
