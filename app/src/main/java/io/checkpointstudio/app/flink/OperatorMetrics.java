package io.checkpointstudio.app.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flink's per-operator record counters inside a vertex ({@code /jobs/:id/vertices/:vid/subtasks/metrics}),
 * so a chain such as {@code Source: clicks -> logged-in -> pair} shows each of its operators, as the
 * embedded engine does. Flink names these metrics {@code <operator name>.numRecordsIn} with the name
 * sanitized ({@code Source: clicks} becomes {@code Source__clicks}); the runner names every operator after
 * its id in the job document, so the id is the metric prefix without the source's {@code Source__}.
 */
final class OperatorMetrics {
    static final String RECORDS_IN = ".numRecordsIn";
    static final String RECORDS_OUT = ".numRecordsOut";
    private static final String SOURCE_PREFIX = "Source__";

    private OperatorMetrics() {
    }

    /**
     * The metric prefixes of the vertex's operators, from the list of its metric ids, in the vertex name's
     * chain order (Flink lists metrics in no particular order).
     */
    static List<String> prefixes(JsonNode metricList, String vertexName) {
        List<String> prefixes = new ArrayList<>();
        for (JsonNode m : metricList) {
            String id = m.path("id").asText();
            if (id.endsWith(RECORDS_OUT) && id.length() > RECORDS_OUT.length()) {
                prefixes.add(id.substring(0, id.length() - RECORDS_OUT.length()));
            }
        }
        String chain = sanitize(vertexName);
        prefixes.sort(Comparator.comparingInt((String p) -> {
            int at = chain.indexOf(p);
            return at < 0 ? Integer.MAX_VALUE : at;
        }).thenComparing(p -> p));
        return prefixes;
    }

    /** The query of the counters of these operators: {@code a.numRecordsIn,a.numRecordsOut,...}. */
    static List<String> counterNames(List<String> prefixes) {
        List<String> names = new ArrayList<>();
        for (String p : prefixes) {
            names.add(p + RECORDS_IN);
            names.add(p + RECORDS_OUT);
        }
        return names;
    }

    /** The sums over all subtasks, by metric id, from an answer to a {@code ?get=} query. */
    static Map<String, Double> sums(JsonNode values) {
        Map<String, Double> sums = new HashMap<>();
        for (JsonNode m : values) {
            JsonNode sum = m.get("sum");
            if (sum != null && sum.isNumber()) {
                sums.put(m.path("id").asText(), sum.asDouble());
            }
        }
        return sums;
    }

    /** The operator id a metric prefix stands for: {@code Source__clicks} is {@code clicks}. */
    static String operatorId(String prefix) {
        return prefix.startsWith(SOURCE_PREFIX) ? prefix.substring(SOURCE_PREFIX.length()) : prefix;
    }

    /** An operator name as Flink writes it into a metric name (':' and ' ' become '_'), for ordering. */
    private static String sanitize(String name) {
        return name.replace(':', '_').replace(' ', '_');
    }
}
