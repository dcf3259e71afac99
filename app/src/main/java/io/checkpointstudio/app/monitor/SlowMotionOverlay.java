package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.designer.EdgeView;
import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.designer.NodeView;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Barrier slow motion: the live DAG shows checkpoint barriers travelling along the edges (one marker per
 * channel, labelled with the checkpoint id), the input channels alignment holds back (a red bar on the input
 * side with "1/2 aligned"), the in-flight data an unaligned checkpoint captures (a badge with its size on the
 * edge), each task's snapshot in progress (sync or async) and the acknowledgements travelling to the
 * checkpoint coordinator, drawn in the canvas's top-right corner.
 *
 * <p>It is driven by the engine's barrier trace of the current run, switched on while this mode is: the
 * events queue in the run's {@link io.checkpointstudio.app.session.TraceFeed}, and each frame the JavaFX
 * thread drains them into a {@link BarrierPlayback} that replays them in their order and relative timing,
 * stretched ({@link #speedProperty()}: animation milliseconds per engine millisecond). The sources can be
 * slowed ({@link #sourceDelayMicrosProperty()}, microseconds per record) so that barriers take visible time.
 * The read-only accessors list what is drawn now, for tests.
 */
public final class SlowMotionOverlay {
    private static final long MS = 1_000_000L;
    private static final long MIN_TRAVEL = 350 * MS;
    private static final long ACK_TRAVEL = 700 * MS;
    private static final long LINGER = 300 * MS;
    private static final long BADGE_LINGER = 2500 * MS;
    private static final long LOST = 15_000 * MS;
    private static final Color ALIGNED = Color.web("#2563eb");
    private static final Color UNALIGNED = Color.web("#ea580c");
    private static final Color BLOCKED = Color.web("#dc2626");
    private static final Color ACK = Color.web("#16a34a");
    private static final Color INK = Color.web("#1f2937");

    private final MonitorModel model;
    private final GraphCanvasView canvas;
    private final Supplier<JobDocument> document;
    private final Group layer = new Group();
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final DoubleProperty sourceDelayMicros = new SimpleDoubleProperty(this, "sourceDelayMicros", 100);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 100);
    private final BarrierPlayback playback = new BarrierPlayback(100, 1200 * MS, 8000 * MS, 4000);
    private final AnimationTimer timer;
    private LiveRun traced;
    private Map<String, List<String>> chains = Map.of();
    private Map<String, Integer> parallelism = Map.of();
    private long now;
    private long newestCheckpoint;

    private final Map<String, Marker> markers = new LinkedHashMap<>();
    private final Map<String, Alignment> alignments = new LinkedHashMap<>();
    private final Map<String, TaskView> taskViews = new HashMap<>();
    private final Map<String, Badge> badges = new LinkedHashMap<>();
    private final List<AckDot> acks = new ArrayList<>();
    private final Coordinator coordinator = new Coordinator();
    private final Map<String, Integer> shown = new TreeMap<>();

    public SlowMotionOverlay(MonitorModel model, GraphCanvasView canvas, Supplier<JobDocument> document) {
        this.model = model;
        this.canvas = canvas;
        this.document = document;
        layer.setId("slow-motion-layer");
        layer.setVisible(false);
        canvas.overlayLayer().getChildren().add(layer);
        // the settings float in the canvas's bottom-left corner (screen coordinates, not zoomed)
        SlowMotionPanel panel = new SlowMotionPanel(this);
        panel.setManaged(false);
        panel.visibleProperty().bind(enabled);
        panel.addEventHandler(javafx.scene.input.MouseEvent.ANY, javafx.event.Event::consume); // not a canvas gesture
        panel.addEventHandler(javafx.scene.input.ScrollEvent.ANY, javafx.event.Event::consume);
        canvas.getChildren().add(panel);
        Runnable place = () -> {
            panel.autosize();
            panel.relocate(12, canvas.getHeight() - panel.getHeight() - 12);
        };
        canvas.heightProperty().addListener((obs, o, n) -> place.run());
        panel.heightProperty().addListener((obs, o, n) -> place.run());
        enabled.addListener((obs, o, n) -> place.run());
        timer = new AnimationTimer() {
            @Override
            public void handle(long t) {
                frame(t);
            }
        };
        enabled.addListener((obs, o, on) -> apply());
        model.runProperty().addListener((obs, o, run) -> apply());
        sourceDelayMicros.addListener((obs, o, n) -> {
            if (traced != null) {
                traced.slowSources(Math.round(n.doubleValue()));
            }
        });
        speed.addListener((obs, o, n) -> playback.setStretch(n.doubleValue()));
    }

    // ---- properties and commands

    /** Whether slow motion is on: tracing for the current run, the sources slowed, the animation drawn. */
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    /** Microseconds each source record is delayed while slow motion is on (0: not slowed). */
    public DoubleProperty sourceDelayMicrosProperty() {
        return sourceDelayMicros;
    }

    /** Animation milliseconds per engine millisecond. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public BarrierPlayback playback() {
        return playback;
    }

    /** Switches slow motion off for good (the window closes): no more tracing, no more frames. */
    public void dispose() {
        enabled.set(false);
        timer.stop();
    }

    private void apply() {
        LiveRun run = model.run();
        boolean on = enabled.get();
        if (traced != null && (!on || traced != run)) {
            traced.traceBarriers(false);
            traced.slowSources(0);
            traced = null;
        }
        if (on && run != null && traced == null && run.snapshot().running()) {
            traced = run;
            chains = run.taskChains();
            parallelism = run.operators();
            clear();
            run.traceBarriers(true);
            run.slowSources(Math.round(sourceDelayMicros.get()));
        }
        layer.setVisible(on);
        if (on) {
            timer.start();
        } else {
            timer.stop();
            clear();
        }
    }

    private void clear() {
        playback.clear();
        markers.values().forEach(m -> layer.getChildren().remove(m.node));
        markers.clear();
        alignments.values().forEach(a -> layer.getChildren().remove(a.node));
        alignments.clear();
        taskViews.values().forEach(t -> layer.getChildren().remove(t.node));
        taskViews.clear();
        badges.values().forEach(b -> layer.getChildren().remove(b.node));
        badges.clear();
        acks.forEach(a -> layer.getChildren().remove(a.node));
        acks.clear();
        coordinator.reset();
        newestCheckpoint = 0;
    }

    // ---- the frame

    private void frame(long t) {
        now = t;
        if (traced != null) {
            for (EngineEvent e : traced.trace().drain(5000)) {
                playback.offer(e, now);
            }
        }
        for (BarrierPlayback.Scheduled s : playback.due(now)) {
            play(s.event());
        }
        draw();
    }

    private void play(EngineEvent e) {
        long cp = BarrierPlayback.checkpointOf(e);
        if (cp > newestCheckpoint) {
            newestCheckpoint = cp;
            prune();
        }
        if (e instanceof BarrierTrace.BarrierSent s) {
            String key = channelKey(s.checkpointId(), s.task(), s.subtask(), s.toTask(), s.toSubtask());
            Marker m = new Marker(s, now);
            markers.put(key, m);
            layer.getChildren().add(m.node);
            count("barrier");
        } else if (e instanceof BarrierTrace.BarrierReceived r) {
            Marker m = markers.get(channelKey(r.checkpointId(), r.fromTask(), r.fromSubtask(), r.task(), r.subtask()));
            if (m != null && m.arrivedAt == 0) {
                m.arrivedAt = Math.max(now, m.sentAt + MIN_TRAVEL);
            }
        } else if (e instanceof BarrierTrace.ChannelBlocked b) {
            Alignment a = alignments.computeIfAbsent(b.task() + "#" + b.subtask(), k -> newAlignment(b.task(), b.subtask()));
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
            Alignment a = alignments.get(r.task() + "#" + r.subtask());
            if (a != null && a.checkpointId == r.checkpointId()) {
                a.blocked.remove(r.channel());
                if (a.blocked.isEmpty()) {
                    a.aligned = a.channels;
                    a.releasedAt = now;
                }
            }
        } else if (e instanceof BarrierTrace.AlignmentCompleted c) {
            Alignment a = alignments.get(c.task() + "#" + c.subtask());
            if (a != null && a.checkpointId == c.checkpointId()) {
                a.blocked.clear();
                a.aligned = a.channels;
                if (a.releasedAt == 0) {
                    a.releasedAt = now;
                }
            }
        } else if (e instanceof BarrierTrace.InFlightCaptured c) {
            String key = c.fromTask() + "\u0000" + c.task();
            Badge b = badges.get(key);
            if (b == null || b.checkpointId != c.checkpointId()) {
                if (b != null) {
                    layer.getChildren().remove(b.node);
                }
                b = new Badge(c.fromTask(), c.task(), c.checkpointId());
                badges.put(key, b);
                layer.getChildren().add(b.node);
                count("in-flight");
            }
            b.bytes += c.bytes();
            b.buffers += c.buffers();
            b.channels.add(c.subtask() + ":" + c.channel());
            b.until = now + BADGE_LINGER * 4;
        } else if (e instanceof BarrierTrace.SnapshotStarted s) {
            taskView(s.task()).phase.put(s.subtask(), new Phase(s.checkpointId(), s.phase().name().toLowerCase()));
            count("snapshot");
        } else if (e instanceof BarrierTrace.SnapshotFinished f) {
            TaskView v = taskView(f.task());
            if (f.phase() == BarrierTrace.Phase.ASYNC) {
                v.phase.remove(f.subtask());
            } else {
                v.phase.put(f.subtask(), new Phase(f.checkpointId(), "sync done"));
            }
        } else if (e instanceof BarrierTrace.BarrierEmitted b) {
            TaskView v = taskView(b.task());
            v.emitted = b.checkpointId();
            v.emittedAt = now;
        } else if (e instanceof BarrierTrace.AckSent a) {
            AckDot dot = new AckDot(a, now);
            acks.add(dot);
            layer.getChildren().add(dot.node);
            count("ack");
        } else if (e instanceof EngineEvent.CheckpointAcknowledged a) {
            for (AckDot d : acks) {
                if (d.arrivedAt == 0 && d.checkpointId == a.checkpointId() && d.task.equals(a.task()) && d.subtask == a.subtask()) {
                    d.arrivedAt = Math.max(now, d.sentAt + MIN_TRAVEL);
                    break;
                }
            }
        } else if (e instanceof EngineEvent.CheckpointTriggered t) {
            coordinator.triggered(t.checkpointId(), t.unaligned());
        } else if (e instanceof EngineEvent.CheckpointCompleted c) {
            coordinator.completed(c.checkpointId(), true);
            for (Badge b : badges.values()) {
                if (b.checkpointId == c.checkpointId()) {
                    b.until = Math.min(b.until, now + BADGE_LINGER);
                }
            }
        } else if (e instanceof EngineEvent.CheckpointFailed f) {
            coordinator.completed(f.checkpointId(), false);
        }
    }

    /** Forgets what belongs to checkpoints older than the previous one (skipped, lost or long done). */
    private void prune() {
        long keep = newestCheckpoint - 1;
        markers.values().removeIf(m -> m.checkpointId < keep && layer.getChildren().remove(m.node) | true);
        acks.removeIf(a -> a.checkpointId < keep && layer.getChildren().remove(a.node) | true);
        badges.values().removeIf(b -> b.checkpointId < keep && layer.getChildren().remove(b.node) | true);
        alignments.values().forEach(a -> {
            if (a.checkpointId < keep) {
                a.blocked.clear();
            }
        });
        taskViews.values().forEach(v -> v.phase.values().removeIf(p -> p.checkpointId < keep));
    }

    private TaskView taskView(String task) {
        return taskViews.computeIfAbsent(task, t -> {
            TaskView v = new TaskView(t);
            layer.getChildren().add(v.node);
            return v;
        });
    }

    private Alignment newAlignment(String task, int subtask) {
        Alignment a = new Alignment(task, subtask);
        layer.getChildren().add(a.node);
        return a;
    }

    private void count(String what) {
        shown.merge(what, 1, Integer::sum);
    }

    // ---- drawing

    private void draw() {
        for (Iterator<Marker> it = markers.values().iterator(); it.hasNext(); ) {
            Marker m = it.next();
            if (m.arrivedAt == 0) {
                OptionalLong due = playback.dueOf(e -> e instanceof BarrierTrace.BarrierReceived r && r.checkpointId() == m.checkpointId
                        && r.task().equals(m.toTask) && r.subtask() == m.toSubtask && r.fromTask().equals(m.fromTask)
                        && r.fromSubtask() == m.fromSubtask);
                m.expectedAt = due.isPresent() ? Math.max(due.getAsLong(), m.sentAt + MIN_TRAVEL) : 0;
            }
            long end = m.arrivedAt != 0 ? m.arrivedAt : m.expectedAt;
            double p;
            if (end != 0) {
                p = Math.min(1, (double) (now - m.sentAt) / Math.max(1, end - m.sentAt));
            } else {
                // its arrival is not known yet: approach the end without reaching it
                p = 0.92 * (1 - Math.exp(-(double) (now - m.sentAt) / (900.0 * MS)));
            }
            boolean gone = m.arrivedAt != 0 && now > m.arrivedAt + LINGER || now - m.sentAt > LOST;
            List<EdgeView> path = path(m.fromTask, m.toTask);
            if (gone || path.isEmpty()) {
                layer.getChildren().remove(m.node);
                it.remove();
                continue;
            }
            Point2D at = pointOn(path, p);
            int lanes = Math.max(1, parallelism(m.fromTask) * parallelism(m.toTask));
            int lane = m.fromSubtask * parallelism(m.toTask) + m.toSubtask;
            double dy = (lane - (lanes - 1) / 2.0) * 7;
            m.progress = p;
            m.node.setLayoutX(at.getX());
            m.node.setLayoutY(at.getY() + dy);
        }
        for (Iterator<Alignment> it = alignments.values().iterator(); it.hasNext(); ) {
            Alignment a = it.next();
            NodeView head = head(a.task);
            boolean show = head != null && (!a.blocked.isEmpty() || a.releasedAt != 0 && now - a.releasedAt < LINGER * 2);
            a.node.setVisible(show);
            if (!show) {
                continue;
            }
            int p = Math.max(1, parallelism(a.task));
            double h = (NodeView.HEIGHT - 8) / p;
            a.bar.setHeight(h - 2);
            a.bar.setLayoutY(4 + a.subtask * h);
            a.bar.setFill(a.blocked.isEmpty() ? ACK : BLOCKED);
            a.node.setLayoutX(head.getLayoutX() - 14);
            a.node.setLayoutY(head.getLayoutY());
            a.text.setText(a.blocked.isEmpty() ? "chk " + a.checkpointId + " #" + a.subtask + ": all channels aligned"
                    : "chk " + a.checkpointId + " #" + a.subtask + ": " + a.aligned + "/" + a.channels + " channels aligned, "
                    + (a.channels - a.aligned) + " blocked");
            a.text.setFill(a.blocked.isEmpty() ? ACK : BLOCKED);
            a.text.setLayoutX(14);
            a.text.setLayoutY(-30 - a.subtask * 13);
        }
        for (Iterator<Badge> it = badges.values().iterator(); it.hasNext(); ) {
            Badge b = it.next();
            List<EdgeView> path = path(b.fromTask, b.toTask);
            if (now > b.until || path.isEmpty()) {
                layer.getChildren().remove(b.node);
                it.remove();
                continue;
            }
            Point2D at = pointOn(path, 0.72);
            b.text.setText("chk " + b.checkpointId + " in-flight " + Readable.bytes(b.bytes) + " (" + b.buffers + " buffers)");
            double w = b.text.getLayoutBounds().getWidth() + 10;
            b.box.setWidth(w);
            b.node.setLayoutX(at.getX() - w / 2);
            b.node.setLayoutY(at.getY() + 16);
        }
        for (TaskView v : taskViews.values()) {
            NodeView head = head(v.task);
            String text = v.describe(now);
            v.node.setVisible(head != null && !text.isEmpty());
            if (head == null) {
                continue;
            }
            v.text.setText(text);
            v.box.setWidth(v.text.getLayoutBounds().getWidth() + 10);
            v.node.setLayoutX(head.getLayoutX());
            v.node.setLayoutY(head.getLayoutY() - 22);
        }
        Point2D corner = coordinatorPosition();
        coordinator.draw(corner);
        for (Iterator<AckDot> it = acks.iterator(); it.hasNext(); ) {
            AckDot d = it.next();
            NodeView from = tail(d.task);
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
            if (from == null || d.arrivedAt != 0 && now > end + LINGER / 2 || now - d.sentAt > LOST) {
                layer.getChildren().remove(d.node);
                it.remove();
                continue;
            }
            double p = end != 0 ? Math.min(1, (double) (now - d.sentAt) / Math.max(1, end - d.sentAt))
                    : 0.9 * (1 - Math.exp(-(double) (now - d.sentAt) / (double) ACK_TRAVEL));
            double x0 = from.getLayoutX() + NodeView.WIDTH / 2;
            double y0 = from.getLayoutY() + NodeView.HEIGHT / 2;
            double x1 = corner.getX() + 8;
            double y1 = corner.getY() + 30;
            d.progress = p;
            d.node.setLayoutX(x0 + (x1 - x0) * p);
            d.node.setLayoutY(y0 + (y1 - y0) * p - Math.sin(Math.PI * p) * 40 + d.subtask * 6);
        }
    }

    private Point2D coordinatorPosition() {
        return canvas.viewToWorld(Math.max(10, canvas.getWidth() - 230), 12);
    }

    private int parallelism(String task) {
        List<String> chain = chains.get(task);
        return chain == null ? 1 : parallelism.getOrDefault(chain.get(0), 1);
    }

    private NodeView head(String task) {
        List<String> chain = chains.get(task);
        return chain == null ? null : canvas.nodeView(chain.get(0));
    }

    private NodeView tail(String task) {
        List<String> chain = chains.get(task);
        return chain == null ? null : canvas.nodeView(chain.get(chain.size() - 1));
    }

    /** The drawn edges from the last operator of one task to the first of the next, through key-by nodes that have no task. */
    private List<EdgeView> path(String fromTask, String toTask) {
        List<String> from = chains.get(fromTask);
        List<String> to = chains.get(toTask);
        JobDocument doc = document.get();
        if (from == null || to == null || doc == null) {
            return List.of();
        }
        Set<String> inTasks = new HashSet<>();
        chains.values().forEach(inTasks::addAll);
        String start = from.get(from.size() - 1);
        String goal = to.get(0);
        Map<String, EdgeSpec> via = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(goal)) {
                break;
            }
            if (!at.equals(start) && inTasks.contains(at)) {
                continue;
            }
            for (EdgeSpec e : doc.edges()) {
                if (e.from().equals(at) && seen.add(e.to())) {
                    via.put(e.to(), e);
                    queue.add(e.to());
                }
            }
        }
        List<EdgeView> path = new ArrayList<>();
        for (String at = goal; via.containsKey(at); at = via.get(at).from()) {
            EdgeView v = canvas.edgeViews().get(via.get(at));
            if (v == null) {
                return List.of();
            }
            path.add(0, v);
        }
        return path;
    }

    private static Point2D pointOn(List<EdgeView> path, double p) {
        double scaled = Math.max(0, Math.min(1, p)) * path.size();
        int i = Math.min(path.size() - 1, (int) scaled);
        return path.get(i).pointAt(scaled - i);
    }

    private static String channelKey(long cp, String fromTask, int fromSubtask, String toTask, int toSubtask) {
        return cp + "|" + fromTask + "#" + fromSubtask + "|" + toTask + "#" + toSubtask;
    }

    private static Text text(String s, Color fill, boolean bold) {
        Text t = new Text(s);
        t.setFill(fill);
        t.setFont(Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, 11));
        return t;
    }

    private static Rectangle box(Color stroke) {
        Rectangle r = new Rectangle(10, 18);
        r.setArcWidth(8);
        r.setArcHeight(8);
        r.setFill(Color.web("#ffffff", 0.92));
        r.setStroke(stroke);
        return r;
    }

    // ---- what is drawn now (read-only, for tests and the curious)

    /** Barriers in transit: "chk 3 clicks#0 -> per-user#1 (aligned, 45%)". */
    public List<String> barrierMarkers() {
        return markers.values().stream().map(m -> "chk " + m.checkpointId + " " + first(m.fromTask) + "#" + m.fromSubtask + " -> "
                + first(m.toTask) + "#" + m.toSubtask + " (" + (m.unaligned ? "unaligned" : "aligned") + ", "
                + Math.round(m.progress * 100) + "%)").toList();
    }

    /** Subtasks whose channels alignment holds back now: "per-user#0 chk 3 1/2 channels aligned". */
    public List<String> blockedIndicators() {
        return alignments.values().stream().filter(a -> !a.blocked.isEmpty())
                .map(a -> first(a.task) + "#" + a.subtask + " chk " + a.checkpointId + " " + a.aligned + "/" + a.channels + " channels aligned")
                .toList();
    }

    /** In-flight data badges: "chk 4 pair -> per-user 1.2 MB in 6 buffers". */
    public List<String> inFlightBadges() {
        return badges.values().stream().map(b -> "chk " + b.checkpointId + " " + last(b.fromTask) + " -> " + first(b.toTask) + " "
                + Readable.bytes(b.bytes) + " in " + b.buffers + " buffers").toList();
    }

    /** Snapshots in progress per task: "per-user chk 3 sync 1 · async 1". */
    public List<String> snapshotBadges() {
        return taskViews.values().stream().filter(v -> !v.phase.isEmpty()).map(v -> first(v.task) + " " + v.describe(now)).toList();
    }

    /** Acknowledgements on their way to the coordinator: "chk 3 per-user#1". */
    public List<String> ackMarkers() {
        return acks.stream().map(a -> "chk " + a.checkpointId + " " + first(a.task) + "#" + a.subtask).toList();
    }

    /** Acknowledgements that reached the coordinator marker, per checkpoint. */
    public Map<Long, Integer> acksAtCoordinator() {
        return Map.copyOf(coordinator.arrived);
    }

    /** The coordinator marker's text. */
    public String coordinatorText() {
        return coordinator.lines.getText();
    }

    /** How many of each kind of figure were drawn since slow motion started (barrier, blocked, in-flight, snapshot, ack). */
    public Map<String, Integer> shownCounts() {
        return Map.copyOf(shown);
    }

    private String first(String task) {
        List<String> chain = chains.get(task);
        return chain == null ? task : chain.get(0);
    }

    private String last(String task) {
        List<String> chain = chains.get(task);
        return chain == null ? task : chain.get(chain.size() - 1);
    }

    // ---- figures

    private final class Marker {
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
        final Group node = new Group();

        Marker(BarrierTrace.BarrierSent s, long now) {
            checkpointId = s.checkpointId();
            fromTask = s.task();
            fromSubtask = s.subtask();
            toTask = s.toTask();
            toSubtask = s.toSubtask();
            unaligned = s.unaligned();
            sentAt = now;
            Rectangle bar = new Rectangle(-2.5, -8, 5, 16);
            bar.setArcWidth(3);
            bar.setArcHeight(3);
            bar.setFill(unaligned ? UNALIGNED : ALIGNED);
            Text label = text(String.valueOf(checkpointId), unaligned ? UNALIGNED : ALIGNED, true);
            label.setLayoutX(4);
            label.setLayoutY(-4);
            node.getChildren().addAll(bar, label);
            node.getStyleClass().add("cs-barrier-marker");
        }
    }

    private final class Alignment {
        final String task;
        final int subtask;
        long checkpointId;
        int aligned;
        int channels;
        long releasedAt;
        final Set<Integer> blocked = new TreeSet<>();
        final Rectangle bar = new Rectangle(0, 0, 6, 10);
        final Text text = text("", BLOCKED, true);
        final Group node = new Group(bar, text);

        Alignment(String task, int subtask) {
            this.task = task;
            this.subtask = subtask;
            bar.setArcWidth(2);
            bar.setArcHeight(2);
            node.getStyleClass().add("cs-blocked-channel");
        }
    }

    private record Phase(long checkpointId, String name) {
    }

    private final class TaskView {
        final String task;
        final Map<Integer, Phase> phase = new TreeMap<>();
        long emitted;
        long emittedAt;
        final Rectangle box = box(Color.web("#7c3aed"));
        final Text text = text("", Color.web("#5b21b6"), false);
        final Group node = new Group(box, text);

        TaskView(String task) {
            this.task = task;
            text.setLayoutX(5);
            text.setLayoutY(13);
        }

        String describe(long now) {
            StringBuilder b = new StringBuilder();
            if (emitted > 0 && now - emittedAt < 600 * MS) {
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

    private final class Badge {
        final String fromTask;
        final String toTask;
        final long checkpointId;
        long bytes;
        int buffers;
        long until;
        final Set<String> channels = new HashSet<>();
        final Rectangle box = box(UNALIGNED);
        final Text text = text("", UNALIGNED, true);
        final Group node = new Group(box, text);

        Badge(String fromTask, String toTask, long checkpointId) {
            this.fromTask = fromTask;
            this.toTask = toTask;
            this.checkpointId = checkpointId;
            text.setLayoutX(5);
            text.setLayoutY(13);
            node.getStyleClass().add("cs-inflight-badge");
        }
    }

    private final class AckDot {
        final long checkpointId;
        final String task;
        final int subtask;
        final long sentAt;
        long arrivedAt;
        long expectedAt;
        boolean counted;
        double progress;
        final Group node = new Group();

        AckDot(BarrierTrace.AckSent a, long now) {
            checkpointId = a.checkpointId();
            task = a.task();
            subtask = a.subtask();
            sentAt = now;
            Circle c = new Circle(5, ACK);
            Text label = text("ack " + checkpointId, ACK, true);
            label.setLayoutX(7);
            label.setLayoutY(4);
            node.getChildren().addAll(c, label);
        }
    }

    private final class Coordinator {
        final Rectangle box = box(INK);
        final Text title = text("Checkpoint coordinator", INK, true);
        final Text lines = text("", INK, false);
        final Group node = new Group(box, title, lines);
        final javafx.scene.transform.Scale scale = new javafx.scene.transform.Scale(1, 1, 0, 0);
        final Map<Long, Integer> arrived = new TreeMap<>();
        final Map<Long, String> state = new TreeMap<>();
        int expected;

        Coordinator() {
            node.setId("slow-motion-coordinator");
            node.getTransforms().add(scale);
            title.setLayoutX(8);
            title.setLayoutY(15);
            lines.setLayoutX(8);
            lines.setLayoutY(31);
            box.setWidth(220);
            box.setFill(Color.web("#f8fafc", 0.95));
        }

        void reset() {
            arrived.clear();
            state.clear();
            if (node.getParent() == null) {
                layer.getChildren().add(node);
            }
        }

        void triggered(long cp, boolean unaligned) {
            state.put(cp, unaligned ? "triggered (unaligned)" : "triggered");
            trim();
        }

        void completed(long cp, boolean ok) {
            state.put(cp, ok ? "completed ✓" : "failed ✗");
            trim();
        }

        void ackArrived(long cp) {
            arrived.merge(cp, 1, Integer::sum);
            state.putIfAbsent(cp, "in progress");
            trim();
        }

        private void trim() {
            while (state.size() > 3) {
                state.remove(((TreeMap<Long, String>) state).firstKey());
            }
            while (arrived.size() > 6) {
                arrived.remove(((TreeMap<Long, Integer>) arrived).firstKey());
            }
        }

        void draw(Point2D at) {
            if (node.getParent() == null) {
                layer.getChildren().add(node);
            }
            node.toFront();
            expected = chains.keySet().stream().mapToInt(SlowMotionOverlay.this::parallelism).sum();
            StringBuilder b = new StringBuilder();
            state.forEach((cp, s) -> b.append("chk ").append(cp).append(": ").append(arrived.getOrDefault(cp, 0)).append('/')
                    .append(expected).append(" acks, ").append(s).append('\n'));
            b.append(String.format("1 ms of the job = %.0f ms here", speed.get()));
            if (playback.dropped() > 0) {
                b.append("\n").append(playback.dropped()).append(" events skipped to keep up");
            }
            lines.setText(b.toString());
            box.setHeight(lines.getLayoutBounds().getHeight() + 30);
            node.setLayoutX(at.getX());
            node.setLayoutY(at.getY());
            // the corner marker keeps its size on screen whatever the zoom
            double z = canvas.zoomLevelProperty().get();
            scale.setX(1 / z);
            scale.setY(1 / z);
        }
    }
}
