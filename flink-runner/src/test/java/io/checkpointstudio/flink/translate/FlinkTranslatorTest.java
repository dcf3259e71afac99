package io.checkpointstudio.flink.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.operator.sink.PrintSink;
import io.checkpointstudio.engine.operator.source.DatagenSequenceSource;
import io.checkpointstudio.flink.translate.operators.OperatorTranslations;
import org.junit.jupiter.api.Test;

/** An operator whose type has no Flink translation is refused, naming the operator and, when one was stated, the reason. */
class FlinkTranslatorTest {
    private static final OperatorTranslations STANDARD = OperatorTranslations.standard();

    @Test
    void aTypeRegisteredWithoutATranslation_isRefusedWithTheStatedReason() throws Exception {
        OperatorTranslations withoutPrint = OperatorTranslations.builder()
                .translate(DatagenSequenceSource.TYPE, STANDARD.find(DatagenSequenceSource.TYPE).orElseThrow())
                .untranslated(PrintSink.TYPE, "a Flink cluster's task managers have no console to print on")
                .build();

        assertThatThrownBy(() -> FlinkTranslator.translation(operator("out"), withoutPrint))
                .isInstanceOf(FlinkTranslationException.class)
                .hasMessage("operator type 'print' of 'out' has no Flink translation: a Flink cluster's task managers have no console to print on");
    }

    @Test
    void aTypeNotRegisteredAtAll_isRefusedNamingTheOperator() throws Exception {
        OperatorTranslations sourcesOnly = OperatorTranslations.builder()
                .translate(DatagenSequenceSource.TYPE, STANDARD.find(DatagenSequenceSource.TYPE).orElseThrow())
                .build();

        assertThat(FlinkTranslator.translation(operator("numbers"), sourcesOnly)).isSameAs(STANDARD.find(DatagenSequenceSource.TYPE).get());
        assertThatThrownBy(() -> FlinkTranslator.translation(operator("out"), sourcesOnly))
                .isInstanceOf(FlinkTranslationException.class)
                .hasMessage("operator type 'print' of 'out' has no Flink translation");
    }

    private static ValidatedOperator operator(String id) throws Exception {
        ValidatedJob job = JobValidator.standard().validate(JobDocuments.parse("""
                {"format": "checkpoint-studio/job@1", "name": "numbers", "config": {},
                 "operators": [
                   {"id": "numbers", "type": "datagen-sequence", "params": {"to": 10}},
                   {"id": "out", "type": "print", "params": {}}],
                 "edges": [["numbers", "out"]]}
                """).document().orElseThrow()).orThrow();
        return job.operator(id).orElseThrow();
    }
}
