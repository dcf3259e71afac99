package io.checkpointstudio.engine.connector.kafka;

import io.checkpointstudio.engine.operator.source.ClickEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the click events of WORKLOAD.md §3 (events {@code 0..events-1} of a seed) to a Kafka topic as
 * JSON values {@code {"userId":..,"loggedIn":..,"ts":..}}, keyed by user, for demos and tests.
 */
public final class ClickProducer {
    private ClickProducer() {
    }

    /** Sends the events, at most {@code ratePerSecond} a second (0: as fast as possible), and waits for all acknowledgements. */
    public static long produce(String bootstrap, String topic, long events, long users, long seed, long ratePerSecond)
            throws IOException {
        return produce(bootstrap, topic, events, users, seed, ratePerSecond, () -> false, n -> { });
    }

    /**
     * Sends events {@code 0..events-1} ({@link Long#MAX_VALUE}: until {@code stop} says so), at most
     * {@code ratePerSecond} a second (0: as fast as possible), and waits for all acknowledgements; returns how many
     * it sent. {@code stop} is asked before every event; {@code progress} gets the count sent so far about once a
     * second.
     */
    public static long produce(String bootstrap, String topic, long events, long users, long seed, long ratePerSecond,
            BooleanSupplier stop, LongConsumer progress) throws IOException {
        long sent = 0;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        AtomicReference<Exception> error = new AtomicReference<>();
        String what = "produce-clicks";
        try (KafkaProducer<String, String> producer = KafkaConnect.create(what, bootstrap,
                () -> new KafkaProducer<>(props, new StringSerializer(), new StringSerializer()))) {
            KafkaConnect.withRetries(what, bootstrap, Duration.ofSeconds(30), t -> producer.partitionsFor(topic));
            awaitLeaders(bootstrap, topic, Duration.ofSeconds(30));
            long start = System.nanoTime();
            long nextProgress = start + 1_000_000_000L;
            StringBuilder sb = new StringBuilder(64);
            for (long i = 0; i < events && !stop.getAsBoolean(); i++) {
                if (ratePerSecond > 0) {
                    long due = start + (long) (i * 1e9 / ratePerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                long user = ClickEvents.userId(seed, i, users);
                sb.setLength(0);
                sb.append("{\"userId\":").append(user).append(",\"loggedIn\":").append(ClickEvents.loggedIn(seed, i))
                        .append(",\"ts\":").append(i).append('}');
                producer.send(new ProducerRecord<>(topic, Long.toString(user), sb.toString()), (m, e) -> {
                    if (e != null) {
                        error.compareAndSet(null, e);
                    }
                });
                sent = i + 1;
                if (error.get() != null) {
                    break;
                }
                if ((i & 1023) == 0 && System.nanoTime() > nextProgress) {
                    progress.accept(sent);
                    nextProgress = System.nanoTime() + 1_000_000_000L;
                }
            }
            producer.flush();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IOException(what + ": writing to topic '" + topic + "' at " + bootstrap + " failed: " + e.getMessage(), e);
        }
        if (error.get() != null) {
            throw new IOException(what + ": writing to topic '" + topic + "' at " + bootstrap + " failed: " + error.get().getMessage(), error.get());
        }
        return sent;
    }

    /**
     * Waits until every partition of the topic has a leader. Right after a topic is created or grown, an
     * idempotent producer that sends before that can get NOT_LEADER_OR_FOLLOWER and then retry with
     * out-of-order sequence numbers until its delivery timeout.
     */
    static void awaitLeaders(String bootstrap, String topic, Duration timeout) throws IOException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("produce-clicks: topic '" + topic + "' at " + bootstrap + " has partitions without a leader after "
                            + timeout.toSeconds() + " s; check the brokers' logs");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("produce-clicks: interrupted while waiting for the leaders of '" + topic + "'", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("produce-clicks: cannot describe topic '" + topic + "' at " + bootstrap + ": " + e.getMessage(), e);
        }
    }
}
