package io.checkpointstudio.app.shell;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.NodeView;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the designer as a person would: drags five operators from the palette, connects them, sets
 * parameters, sees a validation error appear and go away, undoes and redoes, saves, reopens, and imports
 * a flink-conf.yaml with the guide's settings. Runs headless (Monocle) under Maven.
 */
class DesignerFlowTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.studioWindow();
    private MainWindow window;
    private DesignerViewModel vm;

    @TempDir
    Path dir;

    @BeforeEach
    void openedWindow() {
        window = gui.window();
        vm = window.viewModel();
    }

    @Test
    void whenAPersonBuildsTheGuidesJob_thenItValidatesSavesAndReopensUnchanged(FxRobot robot) throws Exception {
        // given an empty designer; when five operators are dragged from the palette onto the canvas
        dropFromPalette(robot, "datagen-clicks", 130, 90);
        dropFromPalette(robot, "filter", 420, 90);
        dropFromPalette(robot, "key-by", 130, 260);
        dropFromPalette(robot, "sum", 420, 260);
        dropFromPalette(robot, "print", 130, 420);
        assertThat(fx(() -> vm.document().operators().stream().map(o -> o.id()).toList()))
                .containsExactly("datagen-clicks", "filter", "key-by", "sum", "print");

        // and connected port to port
        connect(robot, "datagen-clicks", "filter");
        connect(robot, "filter", "key-by");
        connect(robot, "key-by", "sum");
        connect(robot, "sum", "print");
        assertThat(fx(() -> vm.document().edges())).containsExactly(
                new EdgeSpec("datagen-clicks", "filter"), new EdgeSpec("filter", "key-by"),
                new EdgeSpec("key-by", "sum"), new EdgeSpec("sum", "print"));

        // then an invalid target refuses visibly: a source has no input
        assertThat(robot.lookup("#out-print").query().isVisible()).isFalse(); // a sink has no output port
        robot.drag("#out-sum").moveTo("#node-datagen-clicks");
        Label hint = robot.lookup("#connect-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).contains("source");
        assertThat(robot.lookup("#node-datagen-clicks").query().getStyleClass()).contains("cs-drop-refuse");
        robot.drop();
        assertThat(fx(() -> vm.document().edges())).hasSize(4);

        // when the filter gets a condition naming a field that does not exist
        robot.clickOn("#node-filter");
        robot.clickOn("#prop-condition").write("loggedInn").type(KeyCode.ENTER);
        // then the error shows under the field and as a badge on the node
        await(() -> robot.lookup("#error-condition").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#error-condition").queryAs(Label.class).getText()).contains("loggedInn");
        await(() -> robot.lookup("#badge-filter").query().isVisible());
        assertThat(fx(() -> ((NodeView) robot.lookup("#node-filter").query()).badgeText())).contains("loggedInn");

        // when it is fixed, the error goes away
        TextField condition = robot.lookup("#prop-condition").queryAs(TextField.class);
        robot.interact(() -> condition.setText(""));
        robot.clickOn(condition).write("loggedIn").type(KeyCode.ENTER);
        await(() -> !robot.lookup("#error-condition").queryAs(Label.class).isVisible());
        await(() -> !robot.lookup("#badge-filter").query().isVisible());

        // and the keyed operators get their fields (the key field offers the source's fields)
        robot.clickOn("#node-key-by");
        ComboBox<?> key = robot.lookup("#prop-key").queryAs(ComboBox.class);
        assertThat(fx(() -> key.getItems().stream().map(Object::toString).toList())).contains("userId", "loggedIn", "ts");
        robot.clickOn(key.getEditor()).write("userId").type(KeyCode.ENTER);
        robot.clickOn("#node-sum");
        robot.clickOn(robot.lookup("#prop-field").queryAs(ComboBox.class).getEditor()).write("ts").type(KeyCode.ENTER);
        await(() -> fx(() -> vm.problems().stream().noneMatch(p -> p.isError())));
        assertThat(fx(() -> vm.document().operator("filter").orElseThrow().params())).containsEntry("condition", "loggedIn");

        // undo takes the sum's field back, redo puts it again
        clickEmptyCanvas(robot);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertThat(fx(() -> vm.document().operator("sum").orElseThrow().params())).doesNotContainKey("field");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(fx(() -> vm.document().operator("sum").orElseThrow().params())).containsEntry("field", "ts");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        assertThat(fx(() -> vm.document().operator("sum").orElseThrow().params())).containsEntry("field", "ts");

        // when the guide's flink-conf.yaml is imported
        Path conf = dir.resolve("flink-conf.yaml");
        Files.writeString(conf, """
                # the guide's checkpoint settings
                execution.checkpointing.interval: 3min
                execution.checkpointing.mode: EXACTLY_ONCE
                execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                execution.checkpointing.max-concurrent-checkpoints: 1
                execution.checkpointing:
                  min-pause: 0
                  timeout: 10min
                  tolerable-failed-checkpoints: 0
                  unaligned: false
                state.backend.type: hashmap
                state.backend.incremental: false
                state.checkpoints.dir: file:///tmp/flink-checkpoints
                taskmanager.numberOfTaskSlots: 4
                """);
        fx(() -> window.files().importConfig(conf)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // then the settings are in the configuration panel (nothing selected) and the unknown key is reported
        clickEmptyCanvas(robot);
        await(() -> robot.lookup("#prop-execution-checkpointing-interval").tryQuery().isPresent());
        assertThat(robot.lookup("#prop-execution-checkpointing-interval").queryAs(TextField.class).getText()).isEqualTo("3min");
        assertThat(robot.lookup("#prop-execution-checkpointing-timeout").queryAs(TextField.class).getText()).isEqualTo("10min");
        assertThat(robot.lookup("#prop-execution-checkpointing-mode").queryAs(ComboBox.class).getValue()).isEqualTo("EXACTLY_ONCE");
        assertThat(robot.lookup("#prop-state-checkpoints-dir").queryAs(TextField.class).getText()).isEqualTo("file:///tmp/flink-checkpoints");
        assertThat(robot.lookup("#prop-execution-checkpointing-unaligned").queryAs(ComboBox.class).getValue()).isEqualTo("false");
        assertThat(fx(() -> String.join("\n", vm.console()))).contains("taskmanager.numberOfTaskSlots");
        assertThat(fx(() -> vm.document().config())).doesNotContainKey("taskmanager.numberOfTaskSlots");
        // and changing an option shows its effect on validation at once
        TextField interval = robot.lookup("#prop-execution-checkpointing-interval").queryAs(TextField.class);
        robot.interact(() -> interval.setText(""));
        robot.clickOn(interval).write("5ms").type(KeyCode.ENTER);
        await(() -> robot.lookup("#error-execution-checkpointing-interval").queryAs(Label.class).isVisible());
        clickEmptyCanvas(robot);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await(() -> fx(() -> "3min".equals(vm.document().config().get("execution.checkpointing.interval"))));

        // when saved and reopened
        Path file = dir.resolve("clicks.job.json");
        JobDocument before = fx(vm::document);
        assertThat(fx(vm::isDirty)).isTrue();
        assertThat(fx(() -> window.files().saveTo(file)).get(10, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(vm::document)).isEqualTo(before);
        assertThat(fx(vm::isDirty)).isFalse();
        // the history survives the save
        assertThat(fx(() -> vm.commands().canUndoProperty().get())).isTrue();
        robot.interact(() -> vm.newDocument());
        assertThat(fx(() -> vm.document().operators())).isEmpty();
        fx(() -> window.files().open(file)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        // then the document is the same (compared as the JSON it is, so 1 read back as a long equals 1)
        assertThat(JobDocuments.toJson(fx(vm::document))).isEqualTo(JobDocuments.toJson(before));
        assertThat(fx(vm::isDirty)).isFalse();
        assertThat(fx(() -> vm.fileProperty().get())).isEqualTo(file);
        await(() -> fx(() -> vm.problems().stream().noneMatch(p -> p.isError())));
    }

    private void dropFromPalette(FxRobot robot, String type, double x, double y) {
        TextField search = robot.lookup("#palette-search").queryAs(TextField.class);
        robot.interact(search::clear);
        robot.clickOn(search).write(type);
        Bounds canvas = robot.lookup("#canvas").query().localToScreen(robot.lookup("#canvas").query().getBoundsInLocal());
        robot.drag("#palette-" + type).moveTo(new Point2D(canvas.getMinX() + x, canvas.getMinY() + y)).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void clickEmptyCanvas(FxRobot robot) {
        Node canvas = robot.lookup("#canvas").query();
        Bounds b = canvas.localToScreen(canvas.getBoundsInLocal());
        robot.clickOn(new Point2D(b.getMaxX() - 20, b.getMinY() + 20));
    }

    private void connect(FxRobot robot, String from, String to) {
        robot.drag("#out-" + from).dropTo("#in-" + to);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unused")
    private static Node unused() {
        return null;
    }
}
