package io.checkpointstudio.app.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The crash-and-resume sample made to run for a while in a test: checkpoints every 200 ms into a
 * temporary folder, savepoints and output there too, a small key space, and fast fixed-delay restarts.
 */
public final class TestJobs {
    private TestJobs() {
    }

    public static JobDocument clicks(Path dir) {
        JobDocument doc = JobDocuments.read(Path.of("../sample-jobs/clicks-crash-and-resume.job.json")).document().orElseThrow();
        doc = doc.withConfigValue("execution.checkpointing.dir", dir.resolve("checkpoints").toString())
                .withConfigValue("execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toString())
                .withConfigValue("execution.checkpointing.interval", "200ms")
                .withConfigValue("execution.checkpointing.num-retained", 50)
                .withConfigValue("restart-strategy.type", "fixed-delay")
                .withConfigValue("restart-strategy.fixed-delay.attempts", 3)
                .withConfigValue("restart-strategy.fixed-delay.delay", "100ms");
        OperatorSpec clicks = doc.operator("clicks").orElseThrow();
        OperatorSpec out = doc.operator("out").orElseThrow();
        return doc.withOperator(clicks.withParam("events", 3_000_000L).withParam("eventsPerSecond", 100_000L).withParam("users", 300L))
                .withOperator(out.withParam("path", dir.resolve("out").toString()));
    }

    public static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    /** Waits (generously: the machine is shared) until the condition, read on the FX thread, holds. */
    public static void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(false).as("timed out waiting until " + what).isTrue();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
