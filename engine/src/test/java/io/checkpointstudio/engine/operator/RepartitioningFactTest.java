package io.checkpointstudio.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.operator.keyed.KeyByOperator;
import org.junit.jupiter.api.Test;

/**
 * The descriptor says which operators only repartition (the app draws them as part of their edges and keys
 * the operators after them by their key field); it must agree with the planner, which dissolves key-by into
 * hash-partitioned connections, and name a key-field parameter of the operator.
 */
class RepartitioningFactTest {

    @Test
    void onlyKeyByRepartitions_andItsKeyParameterNamesAField() {
        for (OperatorDescriptor d : OperatorRegistry.standard().all()) {
            assertThat(d.onlyRepartitions()).as("%s only repartitions", d.type()).isEqualTo(d.type().equals(KeyByOperator.TYPE));
            if (d.onlyRepartitions()) {
                assertThat(d.param(d.partitionKeyParam())).as("%s's key parameter", d.type()).hasValueSatisfying(p -> {
                    assertThat(p.type()).isEqualTo(ParamType.FIELD);
                    assertThat(p.required()).isTrue();
                });
                assertThat(d.stateful()).as("a repartitioning operator keeps no state").isFalse();
            }
        }
        assertThat(KeyByOperator.DESCRIPTOR.partitionKeyParam()).isEqualTo(KeyByOperator.KEY);
    }
}
