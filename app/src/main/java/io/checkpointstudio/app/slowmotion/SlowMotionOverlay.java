package io.checkpointstudio.app.slowmotion;

import io.checkpointstudio.app.designer.GraphCanvasView;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.TraceFeed;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.event.Event;
import javafx.scene.Group;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * Barrier slow motion on the live DAG: checkpoint barriers travelling along the edges (one marker per channel,
 * labelled with the checkpoint id), the input channels alignment holds back, the in-flight data an unaligned
 * checkpoint captures, each task's snapshot in progress and the acknowledgements travelling to the checkpoint
 * coordinator, drawn in the canvas's top-right corner.
 *
 * <p>This class switches it on and off and runs the frames: while it is on, the current run traces its
 * barriers (the events queue in the run's {@link TraceFeed}) and its sources are slowed
 * ({@link #sourceDelayMicrosProperty()}, microseconds per record) so that barriers take visible time; each
 * frame the JavaFX thread drains the trace into the {@link BarrierScene}, which works out what to draw where,
 * and the {@link SlowMotionRenderer} draws it. {@link #speedProperty()} stretches time (animation milliseconds
 * per engine millisecond).
 */
public final class SlowMotionOverlay {
    private static final int DRAIN_PER_FRAME = 5000;

    private final MonitorModel model;
    private final Supplier<JobDocument> document;
    private final CanvasLayout layout;
    private final Group layer = new Group();
    private final BarrierScene scene = new BarrierScene();
    private final SlowMotionRenderer renderer = new SlowMotionRenderer(layer);
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final DoubleProperty sourceDelayMicros = new SimpleDoubleProperty(this, "sourceDelayMicros", 100);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 100);
    private final AnimationTimer timer;
    private LiveRun traced;

    public SlowMotionOverlay(MonitorModel model, GraphCanvasView canvas, Supplier<JobDocument> document) {
        this.model = model;
        this.document = document;
        this.layout = new CanvasLayout(canvas);
        layer.setId("slow-motion-layer");
        layer.setVisible(false);
        canvas.overlayLayer().getChildren().add(layer);
        placePanel(canvas);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
        enabled.addListener((obs, o, on) -> apply());
        model.runProperty().addListener((obs, o, run) -> apply());
        sourceDelayMicros.addListener((obs, o, n) -> {
            if (traced != null) {
                traced.slowSources(Math.round(n.doubleValue()));
            }
        });
        speed.addListener((obs, o, n) -> scene.playback().setStretch(n.doubleValue()));
    }

    /** The settings float in the canvas's bottom-left corner (screen coordinates, not zoomed). */
    private void placePanel(GraphCanvasView canvas) {
        SlowMotionPanel panel = new SlowMotionPanel(this);
        panel.setManaged(false);
        panel.visibleProperty().bind(enabled);
        panel.addEventHandler(MouseEvent.ANY, Event::consume); // not a canvas gesture
        panel.addEventHandler(ScrollEvent.ANY, Event::consume);
        canvas.getChildren().add(panel);
        Runnable place = () -> {
            panel.autosize();
            panel.relocate(12, canvas.getHeight() - panel.getHeight() - 12);
        };
        canvas.heightProperty().addListener((obs, o, n) -> place.run());
        panel.heightProperty().addListener((obs, o, n) -> place.run());
        enabled.addListener((obs, o, n) -> place.run());
    }

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

    /** What is shown now and why: the figures, their descriptions and the playback. */
    public BarrierScene scene() {
        return scene;
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
            scene.reset(run.taskChains(), run.operators());
            renderer.clear();
            run.traceBarriers(true);
            run.slowSources(Math.round(sourceDelayMicros.get()));
        }
        layer.setVisible(on);
        if (on) {
            timer.start();
        } else {
            timer.stop();
            scene.clear();
            renderer.clear();
        }
    }

    private void frame(long now) {
        if (traced != null) {
            for (EngineEvent e : traced.trace().drain(DRAIN_PER_FRAME)) {
                scene.offer(e, now);
            }
        }
        renderer.show(scene.frame(now, document.get(), layout));
    }
}
