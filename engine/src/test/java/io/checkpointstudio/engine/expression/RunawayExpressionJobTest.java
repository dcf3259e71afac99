package io.checkpointstudio.engine.expression;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static io.checkpointstudio.engine.runtime.JobHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import org.junit.jupiter.api.Test;

/** The expressions of issue #16 in real jobs: they validate, and the job ends quickly either way. */
class RunawayExpressionJobTest {

    @Test
    void catastrophicRegex_jobFinishesWithTheRightOutput() throws Exception {
        JobResult result = JobHarness.run(chain(map(),
                op("numbers", "datagen-sequence", "from", 1, "to", 5000),
                op("evil", "filter", "condition",
                        "(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" + (value % 2 == 0 ? \"!\" : \"a\")).matches(\"(.*a){20}\")"),
                op("out", "collect")));

        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(rows(result, "out")).hasSize(2500);
    }

    @Test
    void hugeRepeat_jobFailsNamingTheOperatorAndTheExpression_withoutFillingTheHeap() throws Exception {
        long start = System.nanoTime();
        JobResult result = JobHarness.run(chain(map(),
                op("numbers", "datagen-sequence", "from", 1, "to", 100),
                op("huge", "filter", "condition", "\"x\".repeat(200000000).length() > value"),
                op("out", "collect")));
        long millis = (System.nanoTime() - start) / 1_000_000L;

        assertThat(result.status()).isEqualTo(JobStatus.FAILED);
        assertThat(result.failure()).isInstanceOf(ExpressionFailedException.class)
                .hasMessage("operator 'huge' (filter): condition `\"x\".repeat(200000000).length() > value` failed:"
                        + " ExpressionLimitException: `repeat` would create a string of 200000000 characters;"
                        + " an expression may create strings of at most 1048576 characters");
        assertThat(millis).isLessThan(10_000);
    }
}
