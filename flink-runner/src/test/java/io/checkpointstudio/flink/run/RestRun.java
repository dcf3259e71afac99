package io.checkpointstudio.flink.run;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.ValidatedJob;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/** A job started on a local MiniCluster whose REST API listens on a free loopback port, for the tests that read it. */
public record RestRun(JobClient client, String baseUrl) {

    /** {@code <base>/jobs/<id>}. */
    public String jobUrl() {
        return baseUrl + "/jobs/" + client.getJobID().toHexString();
    }

    public static RestRun start(ValidatedJob job) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Configuration extra = new Configuration();
        extra.setString("rest.port", String.valueOf(port));
        extra.setString("rest.address", "127.0.0.1");
        extra.setString("rest.bind-address", "127.0.0.1");
        JobClient client = LocalFlinkRun.environment(job, extra).executeAsync(job.document().name());
        return new RestRun(client, "http://127.0.0.1:" + port);
    }

    /**
     * The clicks-per-user sample without end at {@code eventsPerSecond} over {@code users} (0: the sample's),
     * its file sink and checkpoints under {@code dir}, with {@code config} entries (key, value, ...) applied.
     */
    public static ValidatedJob endlessClicksPerUser(Path dir, long users, long eventsPerSecond, Object... config) throws Exception {
        JobDocument doc = JobDocuments.read(Path.of("../sample-jobs/clicks-per-user.job.json")).document().orElseThrow()
                .withConfigValue("state.checkpoints.dir", dir.resolve("checkpoints").toUri().toString());
        for (int i = 0; i < config.length; i += 2) {
            doc = doc.withConfigValue((String) config[i], config[i + 1]);
        }
        OperatorSpec clicks = doc.operator("clicks").orElseThrow().withParam("events", 0L).withParam("eventsPerSecond", eventsPerSecond);
        doc = doc.withOperator(users > 0 ? clicks.withParam("users", users) : clicks);
        for (OperatorSpec op : doc.operators()) {
            if (op.type().equals("file-sink")) {
                doc = doc.withOperator(op.withParam("path", dir.resolve("out").toString()));
            }
        }
        return JobValidator.standard().validate(doc).orThrow();
    }
}
