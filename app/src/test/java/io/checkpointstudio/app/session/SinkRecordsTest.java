package io.checkpointstudio.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SinkRecordsTest {

    @Test
    void csvValuesSplitHonouringQuotes() {
        assertThat(SinkRecords.splitCsv("1,\"a,b\",\"say \"\"hi\"\"\"", ',')).containsExactly("1", "a,b", "say \"hi\"");
    }
}
