package io.checkpointstudio.app.shell;

import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** A feature adds its indicator to the status bar: it shows at the right end, after the zoom, styled as the bar's labels. */
class StatusBarTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.studioWindow();

    @Test
    void anIndicatorAddedByAFeature_showsAtTheRightEndOfTheBar(FxRobot robot) throws Exception {
        Label services = fx(() -> {
            Label l = new Label("services: 2 running");
            l.setId("status-services");
            gui.window().statusBar().addIndicator(l);
            return l;
        });
        WaitForAsyncUtils.waitForFxEvents(); // laid out

        Node problems = robot.lookup("#status-problems").query();
        assertThat(robot.lookup("#status-services").tryQuery()).containsSame(services);
        assertThat(fx(services::isVisible)).isTrue();
        assertThat(fx(() -> services.getStyleClass())).contains("cs-status-indicator");
        Bounds right = fx(() -> services.localToScene(services.getBoundsInLocal()));
        Bounds left = fx(() -> problems.localToScene(problems.getBoundsInLocal()));
        assertThat(right.getMinX()).as("after the problems and the zoom").isGreaterThan(left.getMaxX());
        assertThat(right.getMaxX()).isLessThanOrEqualTo(fx(() -> gui.stage().getScene().getWidth()));
    }
}
