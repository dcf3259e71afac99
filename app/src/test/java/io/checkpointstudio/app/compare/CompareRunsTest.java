package io.checkpointstudio.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.app.Fx;
import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.monitor.TestJobs;
import io.checkpointstudio.app.session.SinkRecords;
import io.checkpointstudio.app.shell.MainWindow;
import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.monitor.JobStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Compare runs" as a person uses it: open Run ▸ Compare Runs…, keep the EXACTLY_ONCE vs AT_LEAST_ONCE
 * preset, fail subtask 0 of the per-user sum after the same record on both sides, run both, and read the
 * sink diff. The numbers are checked against the clicks generator's own counts (ClicksOracle).
 */
class CompareRunsTest {
    private static final long EVENTS = 300_000;
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.studioWindow();
    private MainWindow window;

    @TempDir
    Path dir;

    @BeforeEach
    void openedWindow() {
        window = gui.window();
    }

    @Test
    void whenTheSameFailureHitsExactlyOnceAndAtLeastOnce_thenOnlyAtLeastOnceDeliversDuplicates_andNeitherLosesARecord(FxRobot robot) throws Exception {
        JobDocument base = TestJobs.clicks(dir);
        OperatorSpec clicks = base.operator("clicks").orElseThrow();
        JobDocument job = base.withOperator(clicks.withParam("events", EVENTS));
        Fx.fx(() -> {
            window.viewModel().load(job, null);
            return null;
        });
        Fx.await("the job is valid", () -> window.viewModel().problems().stream().noneMatch(p -> p.isError()));

        robot.clickOn("#run-menu").clickOn("Compare Runs…");
        Fx.await("the compare window is open", () -> robot.lookup("#compare-run").tryQuery().isPresent());
        Fx.fx(() -> {
            assertThat(robot.lookup("#compare-preset").queryComboBox().getValue().toString()).isEqualTo("EXACTLY_ONCE vs AT_LEAST_ONCE");
            robot.lookup("#compare-fail-operator").queryComboBox().getSelectionModel().select("per-user");
            return null;
        });
        assertThat(Fx.fx(() -> robot.lookup("#compare-b").<javafx.scene.control.TextArea>query().getText()))
                .contains("execution.checkpointing.mode=AT_LEAST_ONCE").contains("out.semantic=AT_LEAST_ONCE");
        assertThat(Fx.fx(() -> ((TextField) robot.lookup("#compare-key").query()).getText())).isEqualTo("userId");
        TextField after = robot.lookup("#compare-fail-after").query();
        robot.doubleClickOn(after).eraseText(Fx.fx(() -> after.getText().length())).write("40000");
        CompareWindow compare = Fx.fx(() -> window.lastCompareWindow());
        robot.clickOn("#compare-run");

        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> Fx.fx(() -> compare.resultProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        RunComparison.Result r = Fx.fx(() -> compare.resultProperty().get());

        // both runs finished after exactly one restart from a completed checkpoint
        assertThat(r.a().status()).isEqualTo(JobStatus.FINISHED);
        assertThat(r.b().status()).isEqualTo(JobStatus.FINISHED);
        assertThat(r.a().restarts()).as("the planned failure hit A once").isEqualTo(1);
        assertThat(r.b().restarts()).as("the same failure hit B once").isEqualTo(1);
        assertThat(r.a().restoredCheckpoint()).isPositive();
        assertThat(r.b().restoredCheckpoint()).isPositive();
        assertThat(r.a().checkpointsCompleted()).isPositive();
        assertThat(r.a().eventsPerSecond()).isPositive();

        // the oracle: every logged-in click is one record (userId, running count), 1..n per user
        long[] perUser = ClicksOracle.countsPerUser(EVENTS, 300, 42);
        List<SinkRecords.Entry> expected = new ArrayList<>();
        long loggedIn = 0;
        for (int u = 0; u < perUser.length; u++) {
            for (long c = 1; c <= perUser[u]; c++) {
                expected.add(new SinkRecords.Entry(String.valueOf(u), u + ":" + c));
            }
            loggedIn += perUser[u];
        }
        SinkDiff aVsOracle = SinkDiff.of(expected, pairs(r.a().sink().records()));
        assertThat(aVsOracle.b().duplicates()).as("EXACTLY_ONCE: no duplicates").isZero();
        assertThat(aVsOracle.b().missing()).as("EXACTLY_ONCE: nothing missing").isZero();
        assertThat(aVsOracle.b().unexpected()).isZero();
        assertThat(r.a().sink().records()).hasSize((int) loggedIn);
        SinkDiff bVsOracle = SinkDiff.of(expected, pairs(r.b().sink().records()));
        assertThat(bVsOracle.b().missing()).as("AT_LEAST_ONCE loses nothing").isZero();
        assertThat(bVsOracle.b().duplicates()).as("AT_LEAST_ONCE writes the replayed records again").isPositive();

        // what the window computed and shows agrees with the oracle
        SinkDiff shown = r.diff();
        assertThat(shown.a().duplicates()).isZero();
        assertThat(shown.a().records()).isEqualTo(loggedIn);
        assertThat(shown.b().duplicates()).isEqualTo(bVsOracle.b().duplicates()).isPositive();
        assertThat(shown.b().missing()).isZero();
        assertThat(shown.b().records()).isEqualTo(loggedIn + shown.b().duplicates() + shown.b().unexpected());
        assertThat(label(robot, "#compare-a-duplicates")).isEqualTo("0");
        assertThat(label(robot, "#compare-b-duplicates")).startsWith(String.format(java.util.Locale.ROOT, "%,d record", shown.b().duplicates()))
                .contains(String.format(java.util.Locale.ROOT, "over %,d key", shown.b().duplicateKeys()));
        assertThat(label(robot, "#compare-b-missing")).isEqualTo("0");
        assertThat(label(robot, "#compare-a-restarts")).startsWith("1 (restored checkpoint ");
        assertThat(label(robot, "#compare-summary")).startsWith("EXACTLY_ONCE (A): none · AT_LEAST_ONCE (B): "
                + String.format(java.util.Locale.ROOT, "%,d duplicate record", shown.b().duplicates()));
        assertThat(Fx.fx(() -> robot.lookup("#compare-keys").queryTableView().getItems().size()))
                .as("one row per key with a difference").isEqualTo(shown.keys().size()).isGreaterThanOrEqualTo(shown.b().duplicateKeys());
        Fx.fx(() -> {
            Window w = compare.stage();
            w.hide();
            return null;
        });
    }

    /** JSON lines {"userId":u,"clicks":c} as "u:c", the oracle's form. */
    private static List<SinkRecords.Entry> pairs(List<SinkRecords.Entry> records) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<SinkRecords.Entry> out = new ArrayList<>();
        for (SinkRecords.Entry e : records) {
            JsonNode n = json.readTree(e.record());
            out.add(new SinkRecords.Entry(e.key(), n.get("userId").asLong() + ":" + n.get("clicks").asLong()));
        }
        return out;
    }

    private static String label(FxRobot robot, String id) throws Exception {
        return Fx.fx(() -> ((Label) robot.lookup(id).query()).getText());
    }
}
