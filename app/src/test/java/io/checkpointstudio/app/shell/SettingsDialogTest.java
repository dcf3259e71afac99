package io.checkpointstudio.app.shell;

import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.checkpointstudio.app.GuiTestExtension;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** File ▸ Settings changes the theme and the default folders, which persist; it clears the recent files. */
class SettingsDialogTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();
    private MainWindow window;

    @TempDir
    Path settingsDir;

    @TempDir
    Path elsewhere;

    @Test
    void theDefaultFolders_areUnderTheSettingsFolder() {
        Settings s = new Settings(settingsDir);
        assertThat(s.defaultCheckpointDir()).isEqualTo(settingsDir.resolve("checkpoints"));
        assertThat(s.defaultSavepointDir()).isEqualTo(settingsDir.resolve("savepoints"));
        assertThat(s.logDir()).isEqualTo(settingsDir.resolve("logs"));
    }

    @Test
    void savingTheDarkThemeAndNewFolders_appliesTheThemeAndPersists(FxRobot robot) throws Exception {
        // given a light-themed studio whose welcome was seen
        new Settings(settingsDir).setWelcomeShown(true);
        window = gui.startStudio(settingsDir, List.of());
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());

        // when the person opens File ▸ Settings, picks Dark, types two folders and saves
        gui.fireMenu("File", "Settings…");
        assertThat(robot.lookup("#settings-checkpoint-dir").queryAs(TextField.class).getText())
                .isEqualTo(settingsDir.resolve("checkpoints").toString());
        robot.clickOn("#settings-dark");
        Path checkpoints = elsewhere.resolve("chk");
        Path savepoints = elsewhere.resolve("sp");
        replaceText(robot, "#settings-checkpoint-dir", checkpoints.toString());
        replaceText(robot, "#settings-savepoint-dir", savepoints.toString());
        robot.clickOn("#settings-save");

        // then the dialog closes, the window turns dark, and a fresh read of the settings has all three
        assertThat(robot.lookup("#settings").tryQuery()).isEmpty();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        Settings reread = new Settings(settingsDir);
        assertThat(reread.darkTheme()).isTrue();
        assertThat(reread.defaultCheckpointDir()).isEqualTo(checkpoints);
        assertThat(reread.defaultSavepointDir()).isEqualTo(savepoints);
        assertThat(window.settings().defaultCheckpointDir()).isEqualTo(checkpoints);
    }

    @Test
    void cancel_keepsTheSettings_andAnEmptyFolderIsRefused(FxRobot robot) throws Exception {
        new Settings(settingsDir).setWelcomeShown(true);
        window = gui.startStudio(settingsDir, List.of());

        gui.fireMenu("File", "Settings…");
        replaceText(robot, "#settings-savepoint-dir", "");
        robot.clickOn("#settings-save");
        assertThat(robot.lookup("#settings-error").queryLabeled().getText()).isEqualTo("Name a folder for savepoints");
        assertThat(robot.lookup("#settings").tryQuery()).isPresent();

        robot.clickOn("#settings-dark");
        robot.clickOn("#settings-cancel");
        Settings reread = new Settings(settingsDir);
        assertThat(reread.darkTheme()).isFalse();
        assertThat(reread.defaultSavepointDir()).isEqualTo(settingsDir.resolve("savepoints"));
    }

    @Test
    void clearRecentFiles_emptiesTheOpenRecentMenu(FxRobot robot) throws Exception {
        Settings before = new Settings(settingsDir);
        before.setWelcomeShown(true);
        before.addRecentFile(elsewhere.resolve("a.job.json"));
        before.addRecentFile(elsewhere.resolve("b.job.json"));
        window = gui.startStudio(settingsDir, List.of());
        assertThat(fx(() -> recentMenu().getItems().size())).isEqualTo(2);

        gui.fireMenu("File", "Settings…");
        assertThat(robot.lookup("#settings-recent-count").queryLabeled().getText()).isEqualTo("2 recent files");
        robot.clickOn("#settings-clear-recent");

        assertThat(fx(() -> recentMenu().getItems().size())).isZero();
        assertThat(fx(() -> recentMenu().isDisable())).isTrue();
        assertThat(new Settings(settingsDir).recentFiles()).isEmpty();
    }

    private Menu recentMenu() {
        MenuBar bar = (MenuBar) gui.stage().getScene().lookup("#menu-bar");
        return (Menu) bar.getMenus().get(0).getItems().stream()
                .filter(i -> "Open Recent".equals(i.getText())).findFirst().orElseThrow();
    }

    private static void replaceText(FxRobot robot, String query, String text) throws Exception {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.clickOn(field);
        fx(() -> {
            field.setText(text);
            return null;
        });
    }
}
