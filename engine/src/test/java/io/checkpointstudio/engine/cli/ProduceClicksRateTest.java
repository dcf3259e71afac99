package io.checkpointstudio.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code produce-clicks --rate N/s}: the forms it takes and the errors it gives. */
class ProduceClicksRateTest {
    @Test
    void rates() {
        assertThat(ProduceClicksCommand.parseRate("5000/s")).isEqualTo(5000);
        assertThat(ProduceClicksCommand.parseRate("5000")).isEqualTo(5000);
        assertThat(ProduceClicksCommand.parseRate("5k/s")).isEqualTo(5000);
        assertThat(ProduceClicksCommand.parseRate(" 40_000 /s")).isEqualTo(40_000);
    }

    @Test
    void notARate_saysWhatToWrite() {
        assertThatThrownBy(() -> ProduceClicksCommand.parseRate("fast")).hasMessage("'fast' is not a rate; write events per second, e.g. 5000/s");
        assertThatThrownBy(() -> ProduceClicksCommand.parseRate("0/s")).hasMessage("'0/s' must be a positive number of events per second, e.g. 5000/s");
    }
}
