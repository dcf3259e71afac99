package io.checkpointstudio.app.monitor;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.OperatorSpec;
import java.nio.file.Path;

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
}
