package io.checkpointstudio.flink.translate.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import io.checkpointstudio.engine.operator.transform.FilterOperator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every operator type the engine registers runs on Flink and exports, or says why not: adding an operator to
 * the engine without a Flink translation or a stated reason fails here, not in a user's {@code flink run}.
 */
class OperatorTranslationsTest {

    @Test
    void everyOperatorTypeOfTheEngine_hasAFlinkTranslationOrAStatedReasonWhyNot() {
        OperatorTranslations translations = OperatorTranslations.standard();
        List<String> unaccounted = new ArrayList<>();
        for (OperatorDescriptor operator : OperatorRegistry.standard().all()) {
            if (translations.find(operator.type()).isEmpty() && translations.whyUntranslated(operator.type()).isEmpty()) {
                unaccounted.add(operator.type());
            }
        }
        assertThat(unaccounted).as("operator types with neither a Flink translation nor a stated reason why they have none;"
                + " register each in OperatorTranslations (translate(TYPE, ...) or untranslated(TYPE, why))").isEmpty();
    }

    @Test
    void everyTranslation_isOfAnOperatorTypeTheEngineRegisters() {
        assertThat(OperatorRegistry.standard().types()).as("a translation left behind by a renamed or removed operator type")
                .containsAll(OperatorTranslations.standard().types());
    }

    @Test
    void aTypeIsRegisteredOnce_andWithoutATranslationOnlyWithAReason() {
        OperatorTranslation filter = OperatorTranslations.standard().find(FilterOperator.TYPE).orElseThrow();

        assertThatThrownBy(() -> OperatorTranslations.builder().translate(FilterOperator.TYPE, filter).untranslated(FilterOperator.TYPE, "why"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("operator type 'filter' registered twice");
        assertThatThrownBy(() -> OperatorTranslations.builder().untranslated(FilterOperator.TYPE, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("say why");
    }
}
