package io.checkpointstudio.app.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.app.session.SinkRecords;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkDiffTest {

    private static List<SinkRecords.Entry> running(String key, int... counts) {
        List<SinkRecords.Entry> out = new ArrayList<>();
        for (int c : counts) {
            out.add(new SinkRecords.Entry(key, key + ":" + c));
        }
        return out;
    }

    private static List<SinkRecords.Entry> concat(List<SinkRecords.Entry> a, List<SinkRecords.Entry> b) {
        List<SinkRecords.Entry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aReplayAfterARestoreIsCountedAsDuplicates_perKey_andNothingIsMissing() {
        var exact = concat(running("1", 1, 2, 3, 4), running("2", 1, 2));
        var atLeastOnce = concat(running("1", 1, 2, 3, 2, 3, 4), running("2", 1, 2));
        SinkDiff d = SinkDiff.of(exact, atLeastOnce);
        assertThat(d.a().duplicates()).isZero();
        assertThat(d.b().records()).isEqualTo(8);
        assertThat(d.b().distinct()).isEqualTo(6);
        assertThat(d.b().duplicates()).isEqualTo(2);
        assertThat(d.b().duplicateKeys()).isEqualTo(1);
        assertThat(d.b().missing()).isZero();
        assertThat(d.b().differentFinalKeys()).isZero();
        assertThat(d.keys()).extracting(SinkDiff.KeyDiff::key).containsExactly("1");
        assertThat(SinkDiff.describe(d.b(), false)).isEqualTo("2 duplicate records over 1 key");
        assertThat(SinkDiff.describe(d.a(), true)).isEqualTo("none");
    }

    @Test
    void recordsTheBaselineHasAndTheOtherNot_areMissing_andAnotherLastRecordIsADifferentFinalValue() {
        var baseline = concat(running("7", 1, 2, 3), running("10", 1));
        var other = concat(running("7", 1, 3, 4), running("11", 1));
        SinkDiff d = SinkDiff.of(baseline, other);
        assertThat(d.b().missing()).isEqualTo(2); // 7:2 and 10:1
        assertThat(d.b().missingKeys()).isEqualTo(2);
        assertThat(d.b().unexpected()).isEqualTo(2); // 7:4 and 11:1
        assertThat(d.b().differentFinalKeys()).isEqualTo(3);
        assertThat(d.keys()).extracting(SinkDiff.KeyDiff::key).as("numeric keys in numeric order").containsExactly("7", "10", "11");
        assertThat(d.keys().get(0).aFinal()).isEqualTo("7:3");
        assertThat(d.keys().get(0).bFinal()).isEqualTo("7:4");
    }

    @Test
    void identicalOutputs_areClean() {
        var same = running("a", 1, 2);
        SinkDiff d = SinkDiff.of(same, List.copyOf(same));
        assertThat(d.b().clean()).isTrue();
        assertThat(d.keys()).isEmpty();
    }

    @Test
    void aVariantSetsConfigurationKeysAndOperatorParameters() {
        JobDocument job = JobDocument.empty("j").withOperators(List.of(OperatorSpec.of("out", "file-sink", Map.of("path", "x"))));
        RunVariant v = RunVariant.parse("B", "# comment\nexecution.checkpointing.mode = AT_LEAST_ONCE\nout.semantic=AT_LEAST_ONCE\nparallelism.default=3\n");
        JobDocument doc = v.applyTo(job);
        assertThat(doc.config()).containsEntry("execution.checkpointing.mode", "AT_LEAST_ONCE").containsEntry("parallelism.default", 3L);
        assertThat(doc.operator("out").orElseThrow().params()).containsEntry("semantic", "AT_LEAST_ONCE").containsEntry("path", "x");
        assertThat(RunVariant.parse("B", v.text()).settings()).isEqualTo(v.settings());
    }
}
