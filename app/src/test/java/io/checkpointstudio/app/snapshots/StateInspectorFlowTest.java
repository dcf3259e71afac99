package io.checkpointstudio.app.snapshots;

import static io.checkpointstudio.app.Fx.await;
import static io.checkpointstudio.app.Fx.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.GuiTestExtension;
import io.checkpointstudio.app.monitor.Screenshots;
import io.checkpointstudio.app.monitor.TestJobs;
import io.checkpointstudio.app.session.EngineSession;
import io.checkpointstudio.app.session.LiveRun;
import io.checkpointstudio.app.session.RunRequest;
import io.checkpointstudio.app.session.SnapshotEntry;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** A person looks at the per-user sums inside a savepoint, searches them, and compares two checkpoints. */
class StateInspectorFlowTest {
    private static final int USERS = 300;
    @RegisterExtension
    final GuiTestExtension gui = GuiTestExtension.bareStage();
    private final EngineSession session = gui.session();
    private SnapshotsView view;

    @TempDir
    Path dir;

    @Test
    void theSumsOfASavepointAreListedAndSearchable_andTwoCheckpointsDifferInTheUsersThatClickedBetween(FxRobot robot) throws Exception {
        // given a running job with a savepoint
        LiveRun run = session.start(TestJobs.clicks(dir), RunRequest.fresh(), w -> { }).get(30, TimeUnit.SECONDS);
        view = gui.showRun(run, model -> new SnapshotsView(model, () -> TestJobs.clicks(dir)), 1200, 800);
        gui.afterTest(view::dispose);
        await("the job checkpoints", () -> run.snapshot().checkpoints().counts().completed() >= 2);
        Path savepoint = run.savepoint("inspect-me").get(30, TimeUnit.SECONDS);
        await("the savepoint is listed", () -> view.entries().stream().anyMatch(e -> e.path().equals(savepoint)));

        // when it is inspected
        select(robot, savepoint);
        robot.clickOn("#snapshots-inspect");
        StateInspectorView inspector = view.inspector();
        ComboBox<String> operator = robot.lookup("#inspector-operator").queryComboBox();
        await("the stateful operators are offered", () -> operator.getItems().contains("per-user"));
        robot.interact(() -> operator.setValue("per-user"));
        await("the sums are shown", () -> !inspector.shownState().isEmpty() && inspector.countText().endsWith(" keys")
                && "per-user".equals(operator.getValue()) && label(robot, "#inspector-message").isEmpty());

        // then every key is a user id with a positive count, as the savepoint holds them
        Map<String, String> expected = session.state(savepoint, "per-user").get(30, TimeUnit.SECONDS);
        List<StateEntry> all = fx(() -> List.copyOf(inspector.shownState()));
        assertThat(all).hasSize(expected.size());
        assertThat(all.stream().collect(Collectors.toMap(StateEntry::key, StateEntry::value))).isEqualTo(expected);
        assertThat(all).allSatisfy(e -> {
            assertThat(Long.parseLong(e.key())).isBetween(0L, (long) USERS);
            assertThat(Long.parseLong(e.value())).isPositive();
        });
        assertThat(all.stream().map(e -> Long.parseLong(e.key())).toList()).isSorted();
        assertThat(fx(inspector::countText)).isEqualTo(all.size() + " of " + all.size() + " keys");

        // when a person searches for "17"
        robot.clickOn("#inspector-search").write("17");
        // then only the keys or values containing it stay, and the count says how many of how many
        long matching = all.stream().filter(e -> e.key().contains("17") || e.value().contains("17")).count();
        assertThat(matching).isBetween(1L, (long) all.size() - 1);
        await("the search narrowed the list", () -> inspector.shownState().size() == matching);
        assertThat(fx(inspector::countText)).isEqualTo(matching + " of " + all.size() + " keys");
        Screenshots.take(view.getScene(), "inspector-search");

        // given the job ended, leaving its checkpoints
        run.crash();
        await("the run ended", () -> !run.snapshot().running());
        robot.clickOn("#snapshots-refresh");
        await("the checkpoints are listed", () -> view.entries().stream().filter(e -> !e.savepoint()).count() >= 2);
        List<SnapshotEntry> checkpoints = fx(() -> view.entries().stream().filter(e -> !e.savepoint())
                .sorted(Comparator.comparingLong(SnapshotEntry::checkpointId)).toList());
        SnapshotEntry older = checkpoints.get(0);
        SnapshotEntry newer = checkpoints.get(checkpoints.size() - 1);

        // when the first and the last are compared
        robot.interact(() -> {
            view.table().getSelectionModel().clearSelection();
            view.table().getSelectionModel().select(newer);
            view.table().getSelectionModel().select(older);
        });
        robot.interact(() -> robot.lookup("#inspector-search").queryTextInputControl().clear());
        robot.clickOn("#snapshots-compare");
        await("the differences are shown", () -> inspector.isComparing() && !label(robot, "#inspector-diff-counts").isEmpty()
                && !inspector.shownDiff().isEmpty());

        // then the changed keys are exactly those whose sums differ, from the older to the newer
        Map<String, String> before = session.state(older.path(), "per-user").get(30, TimeUnit.SECONDS);
        Map<String, String> after = session.state(newer.path(), "per-user").get(30, TimeUnit.SECONDS);
        Set<String> changed = new TreeSet<>();
        for (String k : after.keySet()) {
            if (before.containsKey(k) && !Objects.equals(before.get(k), after.get(k))) {
                changed.add(k);
            }
        }
        assertThat(changed).isNotEmpty();
        List<DiffRow> rows = fx(() -> List.copyOf(inspector.shownDiff()));
        assertThat(rows.stream().filter(r -> r.change() == DiffRow.Change.CHANGED).map(DiffRow::key).collect(Collectors.toSet()))
                .isEqualTo(changed);
        assertThat(rows).filteredOn(r -> r.change() == DiffRow.Change.CHANGED).allSatisfy(r ->
                assertThat(Long.parseLong(r.after())).isGreaterThan(Long.parseLong(r.before())));
        long added = after.keySet().stream().filter(k -> !before.containsKey(k)).count();
        assertThat(label(robot, "#inspector-diff-counts")).isEqualTo(added + " added · " + changed.size() + " changed · 0 removed");
        assertThat(fx(inspector::countText)).isEqualTo(rows.size() + " of " + rows.size() + " changed keys");
        Screenshots.take(view.getScene(), "inspector-diff");
    }

    private void select(FxRobot robot, Path path) {
        robot.interact(() -> {
            view.table().getSelectionModel().clearSelection();
            view.entries().stream().filter(e -> e.path().equals(path)).findFirst().ifPresent(e -> view.table().getSelectionModel().select(e));
        });
    }

    private static String label(FxRobot robot, String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }
}
