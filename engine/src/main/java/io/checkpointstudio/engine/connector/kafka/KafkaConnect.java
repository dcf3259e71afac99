package io.checkpointstudio.engine.connector.kafka;

import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.SchemaContext;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/** What the Kafka source and sink share: the connection parameters and a clear error when the cluster cannot be reached. */
final class KafkaConnect {
    static final String BOOTSTRAP = "bootstrapServers";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    private static final int ATTEMPTS = 3;

    private KafkaConnect() {
    }

    static ParamDescriptor bootstrapParam() {
        return ParamDescriptor.builder(BOOTSTRAP, ParamType.STRING).label("Bootstrap servers").required()
                .summary("The brokers to connect to first, host:port separated by commas, or local: the studio's own Kafka"
                        + " (started when the job runs)").build();
    }

    static ParamDescriptor connectTimeoutParam() {
        return ParamDescriptor.builder(CONNECT_TIMEOUT, ParamType.DURATION).label("Connect timeout").defaultValue("30s").min(0)
                .summary("How long the cluster may stay unreachable, at start or while running, before the task fails"
                        + " (the restart strategy then applies)").build();
    }

    /**
     * Refuses credentials in the bootstrap servers: the Kafka client ignores a {@code user:password@} before a
     * host, so it would only put a secret into the job document.
     */
    static void checkNoCredentials(SchemaContext ctx) {
        String servers = ctx.params().getString(BOOTSTRAP);
        if (servers != null && servers.contains("@")) {
            ctx.error(BOOTSTRAP, "holds a user name (and password) before '@'; the Kafka operators connect without authentication"
                    + " and a password never appears in a job: give host:port only, separated by commas");
        }
    }

    /** The error for a cluster that did not answer for {@code millis}: names the servers and what to check. */
    static IOException unreachable(String what, String bootstrap, long millis, String detail) {
        return new IOException(what + ": cannot reach Kafka at bootstrap servers " + bootstrap + " for " + millis + " ms ("
                + detail + "); check that the brokers are running and reachable from here, and params." + BOOTSTRAP
                + " (params." + CONNECT_TIMEOUT + " sets how long to retry)");
    }

    /**
     * Runs {@code call} (a metadata request that times out) up to three times within {@code timeout}; when
     * every attempt timed out, fails naming the bootstrap servers.
     */
    static <T> T withRetries(String what, String bootstrap, Duration timeout, java.util.function.Function<Duration, T> call)
            throws IOException {
        Duration perAttempt = timeout.dividedBy(ATTEMPTS);
        if (perAttempt.isZero()) {
            perAttempt = Duration.ofMillis(1);
        }
        KafkaException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return call.apply(perAttempt);
            } catch (TimeoutException e) {
                last = e;
            } catch (KafkaException e) {
                throw new IOException(what + ": Kafka at " + bootstrap + " failed: " + e.getMessage(), e);
            }
        }
        throw new IOException(what + ": cannot reach Kafka at bootstrap servers " + bootstrap + " (" + ATTEMPTS
                + " attempts within " + timeout.toMillis() + " ms: " + last.getMessage() + "); check params." + BOOTSTRAP
                + " and that the brokers are running", last);
    }

    /** Creates a client, turning a configuration error (an unresolvable host) into an error naming the servers. */
    static <T> T create(String what, String bootstrap, Callable<T> factory) throws IOException {
        try {
            return factory.call();
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(what + ": cannot connect to Kafka at bootstrap servers " + bootstrap + ": " + cause.getMessage()
                    + "; check params." + BOOTSTRAP, e);
        } catch (Exception e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
    }

    static List<String> splitTopics(String topics) {
        if (topics == null) {
            return List.of();
        }
        return java.util.Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
    }
}
