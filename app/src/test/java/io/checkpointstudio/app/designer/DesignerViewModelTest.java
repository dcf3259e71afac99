package io.checkpointstudio.app.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The designer's model without a toolkit: commands, undo and redo, copy and paste, layout, validation. */
class DesignerViewModelTest {
    private final DesignerViewModel vm = new DesignerViewModel(OperatorRegistry.standard(), Runnable::run, Runnable::run);

    @Test
    void whenOperatorsAreAddedConnectedAndUndone_thenEveryStepComesBack() {
        // given
        String source = vm.addOperator("datagen-clicks", 40, 40);
        String filter = vm.addOperatorAfterSelection("filter");
        // when
        JobDocument connected = vm.document();
        vm.undo();
        // then
        assertThat(connected.edges()).containsExactly(new EdgeSpec(source, filter));
        assertThat(vm.document().operators()).hasSize(1);
        vm.redo();
        assertThat(vm.document()).isEqualTo(connected);
        assertThat(vm.document().layout().get(filter)).isEqualTo(new NodePosition(40 + AutoLayout.LAYER_GAP, 40));
    }

    @Test
    void whenAConnectionWouldMakeACycleOrFeedASource_thenItIsRefusedWithAReason() {
        String a = vm.addOperator("datagen-clicks", 0, 0);
        String b = vm.addOperator("filter", 300, 0);
        String c = vm.addOperator("map", 600, 0);
        assertThat(vm.connect(a, b).allowed()).isTrue();
        assertThat(vm.connect(b, c).allowed()).isTrue();
        assertThat(vm.connect(c, a).message()).contains("source");
        assertThat(vm.connect(c, b).message()).contains("cycle");
        assertThat(vm.connect(b, b).allowed()).isFalse();
        assertThat(vm.document().edges()).hasSize(2);
    }

    @Test
    void whenTheSelectionIsCopiedAndPasted_thenTheCopiesGetFreeIdsAndTheirEdge() {
        String a = vm.addOperator("datagen-clicks", 0, 0);
        String b = vm.addOperator("filter", 300, 0);
        vm.connect(a, b);
        vm.select(Set.of(a, b));
        String json = vm.copySelection();
        assertThat(vm.paste(json, "Paste")).isTrue();
        assertThat(vm.document().operators()).extracting(o -> o.id())
                .containsExactly("datagen-clicks", "filter", "datagen-clicks-2", "filter-2");
        assertThat(vm.document().edges()).contains(new EdgeSpec("datagen-clicks-2", "filter-2"));
        assertThat(vm.selection()).containsExactlyInAnyOrder("datagen-clicks-2", "filter-2");
        vm.deleteSelection();
        assertThat(vm.document().operators()).hasSize(2);
        vm.undo();
        assertThat(vm.document().operators()).hasSize(4);
    }

    @Test
    void whenTheDocumentChanges_thenValidationProblemsMapToOperators() {
        String f = vm.addOperator("filter", 0, 0);
        assertThat(vm.problemsByOperatorProperty().get()).containsKey(f);
        assertThat(vm.problems()).anyMatch(p -> p.isError());
    }

    @Test
    void whenLaidOut_thenLayersGoLeftToRightAndOneCommandUndoesIt() {
        String a = vm.addOperator("datagen-clicks", 500, 500);
        String b = vm.addOperator("filter", 0, 0);
        String c = vm.addOperator("print", 0, 300);
        vm.connect(a, b);
        vm.connect(b, c);
        JobDocument before = vm.document();
        vm.autoLayout();
        Map<String, NodePosition> l = vm.document().layout();
        assertThat(l.get(a).x()).isLessThan(l.get(b).x());
        assertThat(l.get(b).x()).isLessThan(l.get(c).x());
        assertThat(l.get(a).y()).isEqualTo(l.get(c).y());
        vm.undo();
        assertThat(vm.document()).isEqualTo(before);
    }
}
