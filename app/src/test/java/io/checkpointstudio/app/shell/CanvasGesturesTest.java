package io.checkpointstudio.app.shell;

import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.engine.job.NodePosition;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Canvas gestures on the guide's sample: rubber band, delete, undo, move, nudge, duplicate, copy/paste, layout, find. */
class CanvasGesturesTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.studioWindow();
    private MainWindow window;
    private DesignerViewModel vm;

    @BeforeEach
    void openedWindow() {
        window = gui.window();
        vm = window.viewModel();
    }

    @Test
    void whenTheSampleIsEditedWithTheMouseAndKeyboard_thenEveryGestureIsACommand(FxRobot robot) throws Exception {
        // given the guide's job, fitted to the window
        fx(() -> window.files().open(Path.of("..", "sample-jobs", "clicks-per-user.job.json").toAbsolutePath().normalize()))
                .get(10, TimeUnit.SECONDS);
        robot.interact(() -> window.canvas().fitToWindow());
        int operators = fx(() -> vm.document().operators().size());
        assertThat(operators).isEqualTo(6);

        // when a rubber band is drawn around everything and Delete pressed
        Node canvas = robot.lookup("#canvas").query();
        Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        robot.drag(new Point2D(b.getMinX() + 5, b.getMinY() + 5), MouseButton.PRIMARY)
                .moveTo(new Point2D(b.getMaxX() - 5, b.getMaxY() - 5)).drop();
        assertThat(fx(() -> vm.selection().size())).isEqualTo(operators);
        robot.type(KeyCode.DELETE);
        assertThat(fx(() -> vm.document().operators())).isEmpty();
        // then undo brings them back with their edges
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(fx(() -> vm.document().operators())).hasSize(operators);
        assertThat(fx(() -> vm.document().edges())).hasSize(5);

        // when one node is dragged and nudged, its position snaps to the grid
        robot.clickOn("#node-pair");
        NodePosition before = fx(() -> vm.document().layout().get("pair"));
        robot.drag("#node-pair").moveBy(0, 90).drop();
        NodePosition moved = fx(() -> vm.document().layout().get("pair"));
        assertThat(moved.y()).isGreaterThan(before.y());
        assertThat(moved.y() % DesignerViewModel.GRID).isZero();
        robot.type(KeyCode.RIGHT);
        assertThat(fx(() -> vm.document().layout().get("pair").x())).isEqualTo(moved.x() + DesignerViewModel.GRID);

        // Ctrl+D duplicates the selection; Ctrl+C / Ctrl+V paste it as job-document JSON
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        assertThat(fx(() -> vm.document().operator("pair-2"))).isPresent();
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        assertThat(fx(() -> vm.document().operator("pair-3"))).isPresent();

        // Ctrl+L lays the job out left to right in one undoable step
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        assertThat(fx(() -> vm.document().layout().get("clicks").x()))
                .isLessThan(fx(() -> vm.document().layout().get("out").x()));

        // Ctrl+F finds an operator by name and selects it
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("per user").type(KeyCode.ENTER);
        assertThat(fx(() -> vm.selection())).containsExactly("per-user");
        WaitForAsyncUtils.waitForFxEvents();
    }
}
