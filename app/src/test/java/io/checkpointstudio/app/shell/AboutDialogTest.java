package io.checkpointstudio.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.DriverInfo;
import org.testfx.api.FxRobot;

/** Help ▸ About shows the versions this copy runs on, the same the runtime and the libraries report. */
class AboutDialogTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();

    @TempDir
    Path settingsDir;

    @Test
    void helpAbout_showsTheAppJavaJavaFxAndLibraryVersions(FxRobot robot) throws Exception {
        new Settings(settingsDir).setWelcomeShown(true);
        gui.startStudio(settingsDir, List.of());

        gui.fireMenu("Help", "About Checkpoint Studio");

        assertThat(text(robot, "app")).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
        assertThat(text(robot, "java")).startsWith(System.getProperty("java.runtime.version"));
        assertThat(text(robot, "javafx")).isNotBlank().isEqualTo(System.getProperty("javafx.runtime.version")).startsWith("21");
        assertThat(text(robot, "os")).startsWith(System.getProperty("os.name"));
        assertThat(text(robot, "logs")).isEqualTo(settingsDir.resolve("logs").toString());
        assertThat(text(robot, "kafka-client")).isEqualTo(AppInfoParser.getVersion());
        assertThat(text(robot, "postgresql-jdbc-driver")).isEqualTo(DriverInfo.DRIVER_VERSION);
        assertThat(text(robot, "rocksdb")).matches("\\d+\\.\\d+\\.\\d+");

        robot.clickOn("#about-close");
        assertThat(robot.lookup("#about").tryQuery()).isEmpty();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#about-" + id).queryLabeled().getText();
    }
}
