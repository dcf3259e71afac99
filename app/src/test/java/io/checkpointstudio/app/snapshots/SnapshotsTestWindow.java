package io.checkpointstudio.app.snapshots;

import static io.checkpointstudio.app.monitor.TestJobs.fx;

import io.checkpointstudio.app.FxWindows;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.shell.Theme;
import io.checkpointstudio.engine.job.JobDocument;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * A snapshots view alone in the test's stage, showing a live run of its own engine session: keep the stage in
 * {@code @Start}, {@link #show} it in the test, {@link #close} it in {@code @AfterEach}.
 */
final class SnapshotsTestWindow {
    private final EngineSession session = new EngineSession();
    private Stage stage;
    private MonitorModel model;
    private SnapshotsView view;

    EngineSession session() {
        return session;
    }

    void keep(Stage stage) {
        FxWindows.closeAllBut(stage);
        this.stage = stage;
    }

    /** The view of {@code run}, whose restore pre-check reads the designer's job from {@code job}, shown in the stage. */
    SnapshotsView show(FxRobot robot, LiveRun run, Supplier<JobDocument> job) {
        robot.interact(() -> {
            model = new MonitorModel(session);
            model.show(run);
            view = new SnapshotsView(model, job);
            Scene scene = new Scene(view, 1200, 800);
            Theme.apply(scene, false);
            stage.setScene(scene);
            stage.show();
        });
        return view;
    }

    void close() throws Exception {
        fx(() -> {
            if (view != null) {
                view.dispose();
            }
            if (model != null) {
                model.dispose();
            }
            stage.hide();
            return null;
        });
        session.close();
    }
}
