package io.checkpointstudio.app.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-operator counters of a chained Flink vertex, from responses of a real Flink 2.3 REST endpoint
 * (recorded by flink-runner's FlinkRestFieldsTest) running the translated clicks-per-user job.
 */
class OperatorMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aChainsMetricIds_giveItsOperatorsInChainOrder_namedAsInTheDocument() throws Exception {
        // given the metric ids of the vertex "Source: clicks -> logged-in -> pair"
        JsonNode list = read("vertex-metrics-list.json");

        // when
        List<String> prefixes = OperatorMetrics.prefixes(list, "Source: clicks -> logged-in -> pair");

        // then
        assertThat(prefixes).containsExactly("Source__clicks", "logged-in", "pair");
        assertThat(prefixes.stream().map(OperatorMetrics::operatorId)).containsExactly("clicks", "logged-in", "pair");
        assertThat(OperatorMetrics.counterNames(prefixes)).containsExactly("Source__clicks.numRecordsIn", "Source__clicks.numRecordsOut",
                "logged-in.numRecordsIn", "logged-in.numRecordsOut", "pair.numRecordsIn", "pair.numRecordsOut");
    }

    @Test
    void theAggregatedValues_giveTheSumOverTheSubtasks() throws Exception {
        // given
        JsonNode values = read("vertex-metrics-values.json");

        // when
        Map<String, Double> sums = OperatorMetrics.sums(values);

        // then: the filter passes on only logged-in clicks, the map one record per record
        assertThat(sums).containsOnlyKeys("Source__clicks.numRecordsOut", "logged-in.numRecordsIn", "logged-in.numRecordsOut",
                "pair.numRecordsOut");
        assertThat(sums.get("logged-in.numRecordsIn")).isEqualTo(sums.get("Source__clicks.numRecordsOut")).isPositive();
        assertThat(sums.get("logged-in.numRecordsOut")).isLessThan(sums.get("logged-in.numRecordsIn"));
        assertThat(sums.get("pair.numRecordsOut")).isEqualTo(sums.get("logged-in.numRecordsOut"));
    }

    private static JsonNode read(String name) throws Exception {
        try (InputStream in = OperatorMetricsTest.class.getResourceAsStream("/flink-rest/" + name)) {
            return JSON.readTree(in);
        }
    }
}
