package io.checkpointstudio.app.shell;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The first start greets with the welcome window; a sample opens from it; later starts go straight to the designer. */
class WelcomeViewTest {
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();
    private MainWindow window;

    @TempDir
    Path settingsDir;

    @Test
    void onTheFirstStart_theWelcomeAppears_andASampleOpensFromIt(FxRobot robot) throws Exception {
        // given a user with no settings yet; when the app starts
        window = gui.startStudio(settingsDir, List.of());

        // then the welcome window is up, with the samples as cards and no recent jobs
        assertThat(robot.lookup("#welcome").tryQuery()).isPresent();
        assertThat(robot.lookup("#welcome-no-recent").tryQuery()).isPresent();
        await(() -> robot.lookup("#sample-clicks-per-user").tryQuery().isPresent());
        assertThat(robot.lookup(".cs-sample-card").queryAll()).hasSize(SampleGallery.load(SampleGallery.folder()).size());
        assertThat(new Settings(settingsDir).welcomeShown()).isTrue();

        // when the person clicks the first sample, crash-and-resume
        robot.clickOn("#sample-clicks-crash-and-resume");

        // then the welcome closes and the designer holds that job, read from its file
        Path sample = SampleGallery.folder().resolve("clicks-crash-and-resume.job.json").toAbsolutePath().normalize();
        await(() -> sample.equals(window.viewModel().fileProperty().get()));
        assertThat(fx(() -> window.viewModel().document().name())).isEqualTo("clicks-crash-and-resume");
        assertThat(fx(() -> window.viewModel().document().operators().size())).isGreaterThanOrEqualTo(5);
        assertThat(robot.lookup("#welcome").tryQuery()).isEmpty();
        assertThat(new Settings(settingsDir).recentFiles()).containsExactly(sample);
    }

    @Test
    void afterTheFirstStart_theDesignerOpensDirectly_andHelpWelcomeBringsTheWelcomeBack(FxRobot robot) throws Exception {
        // given a user who has seen the welcome once and opened a job since
        Settings before = new Settings(settingsDir);
        before.setWelcomeShown(true);
        Path recent = SampleGallery.folder().resolve("clicks-crash-and-resume.job.json");
        before.addRecentFile(recent);

        // when the app starts, the welcome stays closed
        window = gui.startStudio(settingsDir, List.of());
        assertThat(robot.lookup("#welcome").tryQuery()).isEmpty();

        // when the person picks Help ▸ Welcome, it opens with the recent job and the user guide
        gui.fireMenu("Help", "Welcome");
        assertThat(robot.lookup("#welcome").tryQuery()).isPresent();
        assertThat(robot.lookup("#welcome-recent-0").queryLabeled().getText()).isEqualTo("clicks-crash-and-resume.job.json");
        robot.clickOn("#welcome-doc-guide");
        Path guide = Path.of(java.net.URI.create(DocsLinks.lastOpened()));
        assertThat(guide.getFileName().toString()).isEqualTo("user-guide.md");
        assertThat(Files.isRegularFile(guide)).as("the user guide exists at %s", guide).isTrue();

        // and a recent job opens from it
        robot.clickOn("#welcome-recent-0");
        await(() -> recent.toAbsolutePath().normalize().equals(window.viewModel().fileProperty().get()));
        assertThat(robot.lookup("#welcome").tryQuery()).isEmpty();
    }

    @Test
    void aJobNamedOnTheCommandLine_opensWithoutTheWelcome(FxRobot robot) throws Exception {
        Path job = SampleGallery.folder().resolve("clicks-per-user.job.json");
        window = gui.startStudio(settingsDir, List.of(job.toString()));
        await(() -> window.viewModel().fileProperty().get() != null);
        Node welcome = robot.lookup("#welcome").tryQuery().orElse(null);
        assertThat(welcome).isNull();
        assertThat(new Settings(settingsDir).welcomeShown()).isFalse();
    }
}
