package io.checkpointstudio.app;

import atlantafx.base.theme.PrimerLight;
import io.checkpointstudio.app.monitor.MonitorModel;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.app.shell.Settings;
import io.checkpointstudio.app.shell.Theme;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What every GUI test sets up and takes down: the JavaFX toolkit (headless with Monocle, as the surefire
 * configuration says), the primary stage with every other window closed (GUI tests share one toolkit and one
 * screen, and a dialog an earlier test left open would take this test's clicks), an {@link FxRobot} for test
 * method parameters, and, as the test asks, the whole studio window or a view alone in the stage. After each
 * test it undoes what the test registered, disposes the window, hides every window, releases the input and
 * goes back to the light theme.
 *
 * <pre>
 * &#64;RegisterExtension
 * final GuiTestExtension gui = GuiTestExtension.studioWindow(); // the studio window opens before each test
 *
 * &#64;RegisterExtension
 * final GuiTestExtension gui = GuiTestExtension.bareStage();  // the test shows what it needs
 * </pre>
 */
public final class GuiTestExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** Monocle's headless screen is 1280×800; a larger stage breaks its painter. */
    private static final double WIDTH = 1280;
    private static final double HEIGHT = 800;

    private final boolean openStudio;
    private final FxRobot robot = new FxRobot();
    private final Deque<Cleanup> cleanups = new ArrayDeque<>();
    private Stage stage;
    private MainWindow window;
    private EngineSession session;
    private MonitorModel monitor;

    private interface Cleanup {
        void run() throws Exception;
    }

    private GuiTestExtension(boolean openStudio) {
        this.openStudio = openStudio;
    }

    /** The studio window, built as the app builds it with the test settings folder, opens before each test. */
    public static GuiTestExtension studioWindow() {
        return new GuiTestExtension(true);
    }

    /** Only the stage: the test starts the studio ({@link #startStudio}, {@link #openStudio}) or shows a view ({@link #show}). */
    public static GuiTestExtension bareStage() {
        return new GuiTestExtension(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
        });
        if (openStudio) {
            openStudio(stage, Settings.standard(), List.of(), false);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Exception> failures = new ArrayList<>();
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().run();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        window = null;
        monitor = null;
        session = null;
        FxToolkit.cleanupStages();
        FxToolkit.cleanupInput(robot);
        // the theme is the toolkit's (a user-agent stylesheet): a test that switched to dark switches back
        FxToolkit.setupFixture(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FxRobot.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return robot;
    }

    /** The test's stage (JavaFX's primary stage). */
    public Stage stage() {
        return stage;
    }

    /** The studio window opened last. */
    public MainWindow window() {
        return window;
    }

    /**
     * Starts the studio as the app does, in the test's stage with its settings in {@code settingsDir}: builds the
     * window, shows it, and does what follows the first showing (the welcome, when it is due).
     */
    public MainWindow startStudio(Path settingsDir, List<String> args) throws Exception {
        return openStudio(stage, new Settings(settingsDir), args, true);
    }

    /** Builds the studio window into {@code on} (the test's stage or another) with its settings in {@code settingsDir}, and shows it. */
    public MainWindow openStudio(Stage on, Path settingsDir) throws Exception {
        return openStudio(on, new Settings(settingsDir), List.of(), false);
    }

    private MainWindow openStudio(Stage on, Settings settings, List<String> args, boolean afterShown) throws Exception {
        ExecutorService background = StudioApp.newBackgroundExecutor();
        cleanups.push(background::shutdownNow);
        MainWindow opened = Fx.fx(() -> {
            MainWindow w = StudioApp.createWindow(on, background, settings, args);
            on.setWidth(WIDTH);
            on.setHeight(HEIGHT);
            on.show();
            if (afterShown) {
                w.afterShown(args);
            }
            return w;
        });
        cleanups.push(() -> Fx.fx(() -> {
            opened.dispose();
            return null;
        }));
        WaitForAsyncUtils.waitForFxEvents();
        window = opened;
        return opened;
    }

    /** Shows a view, made on the JavaFX thread, alone in the test's stage in the studio's light theme. */
    public <T extends Parent> T show(Supplier<T> view, double width, double height) throws Exception {
        return Fx.fx(() -> {
            T root = view.get();
            Scene scene = new Scene(root, width, height);
            Theme.apply(scene, false);
            stage.setScene(scene);
            stage.sizeToScene(); // the stage is reused from earlier tests, with their size
            stage.show();
            return root;
        });
    }

    /** Shows {@code run} in the test's monitor model ({@link #monitor()}) and a view made over that model alone in the stage. */
    public <T extends Parent> T showRun(LiveRun run, Function<MonitorModel, T> view, double width, double height) throws Exception {
        MonitorModel model = monitor();
        return show(() -> {
            model.show(run);
            return view.apply(model);
        }, width, height);
    }

    /** An engine session of the test's own, closed after the test. */
    public EngineSession session() {
        if (session == null) {
            EngineSession s = new EngineSession();
            cleanups.push(s::close);
            session = s;
        }
        return session;
    }

    /** A monitor model over {@link #session()}, made on the JavaFX thread and disposed after the test. */
    public MonitorModel monitor() throws Exception {
        if (monitor == null) {
            EngineSession s = session();
            MonitorModel m = Fx.fx(() -> new MonitorModel(s));
            afterTest(m::dispose);
            monitor = m;
        }
        return monitor;
    }

    /** Something to undo on the JavaFX thread after the test, before the windows close (a view's dispose). */
    public void afterTest(Runnable onFxThread) {
        cleanups.push(() -> Fx.fx(() -> {
            onFxThread.run();
            return null;
        }));
    }

    /** Fires an item of the studio window's menu bar, as a click on it would. */
    public void fireMenu(String menu, String item) throws Exception {
        Fx.fx(() -> {
            MenuBar bar = (MenuBar) stage.getScene().lookup("#menu-bar");
            Menu m = bar.getMenus().stream().filter(x -> x.getText().equals(menu)).findFirst().orElseThrow();
            MenuItem i = m.getItems().stream().filter(x -> item.equals(x.getText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + menu + " ▸ " + item));
            i.fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs {@code work} on the JavaFX thread (see {@link Fx#fx}). */
    public <T> T fx(Callable<T> work) throws Exception {
        return Fx.fx(work);
    }
}
