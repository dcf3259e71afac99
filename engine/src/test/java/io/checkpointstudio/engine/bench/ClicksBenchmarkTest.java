package io.checkpointstudio.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark command's run against the reference table of shared/bench/WORKLOAD.md §3 (EVENTS ≤ 2,000,000). */
class ClicksBenchmarkTest {

    @ParameterizedTest(name = "{0} events, {1} users, parallelism {2}")
    @CsvSource({
            "1000, 100, 2, 794, 40605",
            "100000, 1000, 2, 79807, 39797796",
            "1000000, 100000, 2, 799473, 39954335534",
            "2000000, 100000, 2, 1599417, 79987303298",
            "1000, 100, 1, 794, 40605",
            "100000, 1000, 3, 79807, 39797796"})
    void referenceRow_yieldsTheExpectedChecksums(long events, long users, int parallelism, long loggedIn, long weighted) throws Exception {
        Map<String, Object> out = ClicksBenchmark.run(
                new ClicksBenchmark.Settings(events, users, parallelism, 0, "EXACTLY_ONCE", "hashmap", false, false, null));

        assertThat(out).containsEntry("status", "FINISHED")
                .containsEntry("logged_in_expected", loggedIn)
                .containsEntry("weighted_checksum_expected", weighted)
                .containsEntry("checksum", loggedIn)
                .containsEntry("weighted_checksum", weighted)
                .containsEntry("sink_records", loggedIn)
                .containsEntry("checksum_ok", true)
                .doesNotContainKey("error");
    }
}
