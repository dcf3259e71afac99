package io.checkpointstudio.engine.connector.kafka;

import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.bench.ClicksOracle;
import io.checkpointstudio.engine.checkpoint.SnapshotPaths;
import io.checkpointstudio.engine.fault.FaultInjector;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.monitor.JobStatus;
import io.checkpointstudio.engine.operator.sink.CollectSink;
import io.checkpointstudio.engine.runtime.JobExecution;
import io.checkpointstudio.engine.runtime.JobHarness;
import io.checkpointstudio.engine.runtime.JobResult;
import io.checkpointstudio.engine.runtime.RunOptions;
import io.checkpointstudio.engine.state.Bytes;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import kafka.testkit.KafkaClusterTestKit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka source and sink against a real KRaft broker started in this JVM (one for the whole class):
 * exactly-once counts through a failure, exactly-once and at-least-once writes through a failure, and a
 * clear error for an unreachable cluster.
 */
class KafkaConnectorTest {
    private static final String RUN_1 = "11111111111111111111111111111111";
    private static final String RUN_2 = "22222222222222222222222222222222";
    private static final long EVENTS = 100_000;
    private static final int USERS = 1000;
    private static KafkaClusterTestKit cluster;
    private static String bootstrap;

    @TempDir
    Path checkpoints;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = io.checkpointstudio.engine.connector.TestServers.startKafka();
        bootstrap = cluster.bootstrapServers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void createTopic(String name, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            // a producer started before every partition has a leader can wait out its whole delivery timeout
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!leadersElected(admin, name)) {
                assertThat(System.nanoTime()).as("leaders of %s elected within 30 s", name).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** Whether every partition of a topic has a leader; false while the new topic is not known to the broker yet. */
    private static boolean leadersElected(Admin admin, String topic) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream().allMatch(i -> i.leader() != null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Map<String, Object> config(int parallelism, long intervalMs, int attempts) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("parallelism.default", parallelism);
        c.put("execution.checkpointing.interval", intervalMs + "ms");
        c.put("execution.checkpointing.mode", "EXACTLY_ONCE");
        c.put("execution.checkpointing.dir", checkpoints.toString());
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", attempts);
        c.put("restart-strategy.fixed-delay.delay", "0ms");
        return c;
    }

    private static JobExecution start(JobDocument job, FaultInjector faults) throws Exception {
        return JobExecution.start(JobHarness.validate(job), RunOptions.defaults(), faults, null);
    }

    /** Fails {@code operatorId} (all subtasks) once, right after the second checkpoint completed. */
    private static AtomicLong failAfterSecondCheckpoint(JobExecution execution, FaultInjector faults, String operatorId) {
        AtomicLong failedAfter = new AtomicLong();
        execution.events().subscribe(e -> {
            if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && failedAfter.compareAndSet(0, c.checkpointId())) {
                faults.failNow(operatorId, -1);
            }
        });
        return failedAfter;
    }

    @Test
    void kafkaSourceClicks_withAFailure_countsEveryUserExactlyOnce() throws Exception {
        createTopic("clicks", 4);
        ClickProducer.produce(bootstrap, "clicks", EVENTS, USERS, 42, 0);

        List<Map<String, Object>> schema = List.of(map("name", "userId", "type", "long"), map("name", "loggedIn", "type", "boolean"),
                map("name", "ts", "type", "long"));
        JobDocument job = JobHarness.chain(config(2, 100, 2),
                op("clicks", "kafka-source", "bootstrapServers", bootstrap, "topics", "clicks", "schema", schema, "bounded", true),
                op("logged-in", "filter", "condition", "loggedIn"),
                op("pair", "map", "fields", map("userId", "userId", "clicks", "1L")),
                op("by-user", "key-by", "key", "userId"),
                op("per-user", "sum", "field", "clicks"),
                op("out", "collect", "limit", 10_000_000L));
        FaultInjector faults = new FaultInjector();
        faults.slow("logged-in", 15); // about 0.75 s per subtask: several checkpoints before the end

        try (JobExecution execution = start(job, faults)) {
            AtomicLong failedAfter = failAfterSecondCheckpoint(execution, faults, "per-user");
            JobResult result = JobHarness.awaitEnd(execution);

            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            assertThat(failedAfter.get()).as("a failure was injected after a completed checkpoint").isPositive();
            assertThat(execution.restores()).isNotEmpty();
            assertThat(execution.restores().get(0).checkpointId()).isPositive();
            long[] last = new long[USERS];
            for (Object[] row : CollectSink.rows(result.results().of("out"))) {
                last[(int) (long) (Long) row[0]] = (Long) row[1];
            }
            assertThat(last).containsExactly(ClicksOracle.countsPerUser(EVENTS, USERS, 42));
        }
    }

    @Test
    void kafkaSourceOffsets_redistributeOnRescale_fromASavepointAt2_to3_countsExact() throws Exception {
        createTopic("clicks-rescale", 4);
        ClickProducer.produce(bootstrap, "clicks-rescale", EVENTS, USERS, 7, 0);
        List<Map<String, Object>> schema = List.of(map("name", "userId", "type", "long"), map("name", "loggedIn", "type", "boolean"),
                map("name", "ts", "type", "long"));
        java.util.function.IntFunction<JobDocument> job = p -> JobHarness.chain(config(p, 100, 0),
                op("clicks", "kafka-source", "bootstrapServers", bootstrap, "topics", "clicks-rescale", "schema", schema, "bounded", true),
                op("logged-in", "filter", "condition", "loggedIn"),
                op("pair", "map", "fields", map("userId", "userId", "clicks", "1L")),
                op("by-user", "key-by", "key", "userId"),
                op("per-user", "sum", "field", "clicks"),
                op("out", "collect", "limit", 10_000_000L));
        long[] highest = new long[USERS];
        FaultInjector slow = new FaultInjector();
        slow.slow("logged-in", 15); // about 0.75 s per subtask: time to stop it half way
        Path savepoint;
        try (JobExecution first = start(job.apply(2), slow)) {
            while (first.checkpoints().counts().completed() < 1) {
                Thread.sleep(10);
            }
            savepoint = first.triggerSavepoint(checkpoints.resolve("savepoints"),
                    io.checkpointstudio.engine.checkpoint.CheckpointCoordinator.StopMode.SUSPEND).get(30, java.util.concurrent.TimeUnit.SECONDS);
            JobResult stopped = JobHarness.awaitEnd(first);
            assertThat(stopped.status()).isEqualTo(JobStatus.FINISHED);
            keepHighest(stopped, highest);
        }
        assertThat(java.util.Arrays.stream(highest).sum()).as("the first run stopped before the end of the topic")
                .isLessThan(java.util.Arrays.stream(ClicksOracle.countsPerUser(EVENTS, USERS, 7)).sum());

        try (JobExecution resumed = JobExecution.start(JobHarness.validate(job.apply(3)), RunOptions.defaults(), new FaultInjector(), savepoint)) {
            JobResult result = JobHarness.awaitEnd(resumed);
            assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
            keepHighest(result, highest);
        }
        assertThat(highest).containsExactly(ClicksOracle.countsPerUser(EVENTS, USERS, 7));
    }

    private static void keepHighest(JobResult result, long[] highest) {
        for (Object[] row : CollectSink.rows(result.results().of("out"))) {
            int user = (int) (long) (Long) row[0];
            highest[user] = Math.max(highest[user], (Long) row[1]);
        }
    }

    @Test
    void kafkaSinkExactlyOnce_withAFailure_readCommittedSeesEveryRecordOnce() throws Exception {
        long n = 20_000;
        createTopic("numbers-eo", 3);
        List<String> values = runSequenceIntoSink("numbers-eo", n, "EXACTLY_ONCE");

        Set<String> distinct = new HashSet<>(values);
        assertThat(distinct).hasSize((int) n);
        assertThat(values).hasSize((int) n);
    }

    @Test
    void kafkaSinkAtLeastOnce_withAFailure_seesEveryRecordAtLeastOnce() throws Exception {
        long n = 20_000;
        createTopic("numbers-alo", 3);
        List<String> values = runSequenceIntoSink("numbers-alo", n, "AT_LEAST_ONCE");

        assertThat(new HashSet<>(values)).hasSize((int) n);
        assertThat(values.size()).isGreaterThanOrEqualTo((int) n);
    }

    private List<String> runSequenceIntoSink(String topic, long n, String semantic) throws Exception {
        JobDocument job = JobHarness.chain(config(2, 100, 2),
                op("numbers", "datagen-sequence", "from", 0L, "to", n - 1),
                op("out", "kafka-sink", "bootstrapServers", bootstrap, "topic", topic, "keyField", "value", "semantic", semantic,
                        "transactionalIdPrefix", "test-" + topic));
        FaultInjector faults = new FaultInjector();
        faults.slow("out", 60); // about 0.6 s per subtask
        try (JobExecution execution = start(job, faults)) {
            AtomicLong failedAfter = failAfterSecondCheckpoint(execution, faults, "out");
            JobResult result = JobHarness.awaitEnd(execution);
            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
            assertThat(failedAfter.get()).isPositive();
            assertThat(execution.restores()).isNotEmpty();
        }
        return readCommitted(topic);
    }

    /** Every committed value of the topic, read to its current end. */
    private static List<String> readCommitted(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.currentTimeMillis() + 15_000;
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    /**
     * Two jobs with the same name (so the same default transactional id prefix) write to different topics:
     * A is killed while the commit of a completed checkpoint is in flight, B then runs to its end,
     * and A resumes from its checkpoint folder. B's start must not abort A's pending transaction, and A's
     * restore must commit it: each topic holds its job's records exactly once.
     */
    @Test
    void kafkaSinkExactlyOnce_twoJobsOfOneName_differentTopics_aStartNeverAbortsTheOthersPendingTransaction() throws Exception {
        createTopic("shared-name-a", 2);
        createTopic("shared-name-b", 2);
        twoJobsOfOneName("shared-name-a", "shared-name-b", "shared-name-1");
    }

    /** As above, both jobs writing into one topic: it ends with both jobs' records, each exactly once. */
    @Test
    void kafkaSinkExactlyOnce_twoJobsOfOneName_sameTopic_eachJobsRecordsExactlyOnce() throws Exception {
        createTopic("shared-name-same", 2);
        twoJobsOfOneName("shared-name-same", "shared-name-same", "shared-name-2");
    }

    private void twoJobsOfOneName(String topicA, String topicB, String jobName) throws Exception {
        long n = 10_000;
        Map<String, Object> configA = config(2, 100, 0);
        configA.put("restart-strategy.type", "none"); // the failed commit ends the run as a kill would
        configA.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        JobDocument a = sequenceIntoTopic(jobName, configA, 0, n - 1, topicA);
        JobDocument b = sequenceIntoTopic(jobName, config(2, 100, 0), n, 2 * n - 1, topicB);
        FaultInjector slowA = new FaultInjector();
        slowA.slow("out", 200); // about 1 s per subtask: records in every checkpoint's transactions
        Path jobDirA;
        AtomicLong armedAfter = new AtomicLong();
        try (JobExecution first = start(a, slowA)) {
            first.events().subscribe(e -> {
                if (e instanceof EngineEvent.CheckpointCompleted c && c.checkpointId() >= 2 && armedAfter.compareAndSet(0, c.checkpointId())) {
                    KafkaSink.failBeforeCommitOfTopic = topicA;
                }
            });
            assertThat(JobHarness.awaitEnd(first).status()).isEqualTo(JobStatus.FAILED);
            assertThat(KafkaSink.failBeforeCommitOfTopic).as("A's commit failed").isNull();
            jobDirA = checkpoints.resolve(first.jobId());
        } finally {
            KafkaSink.failBeforeCommitOfTopic = null;
        }
        assertThat(readCommitted(topicA)).as("A's records committed before it died").hasSizeLessThan((int) n);

        try (JobExecution second = start(b, new FaultInjector())) {
            JobResult result = JobHarness.awaitEnd(second);
            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
        }

        Path latest = SnapshotPaths.resolve(jobDirA, x -> { });
        try (JobExecution resumed = JobExecution.start(JobHarness.validate(a), RunOptions.defaults(), new FaultInjector(), latest)) {
            JobResult result = JobHarness.awaitEnd(resumed);
            assertThat(result.status()).as("%s", result.failure()).isEqualTo(JobStatus.FINISHED);
        }

        List<String> inA = readCommitted(topicA);
        if (topicA.equals(topicB)) {
            assertThat(inA).as("both jobs' records in %s", topicA).hasSize((int) (2 * n)).doesNotHaveDuplicates();
            assertThat(inA).contains("{\"value\":0}", "{\"value\":" + (n - 1) + "}", "{\"value\":" + n + "}", "{\"value\":" + (2 * n - 1) + "}");
        } else {
            assertThat(inA).as("A's records in %s", topicA).hasSize((int) n).doesNotHaveDuplicates()
                    .contains("{\"value\":0}", "{\"value\":" + (n - 1) + "}");
            assertThat(readCommitted(topicB)).as("B's records in %s", topicB).hasSize((int) n).doesNotHaveDuplicates()
                    .contains("{\"value\":" + n + "}", "{\"value\":" + (2 * n - 1) + "}");
        }
    }

    /** The numbers from..to into {@code topic}, EXACTLY_ONCE with the default transactional id prefix, in a job named {@code name}. */
    private JobDocument sequenceIntoTopic(String name, Map<String, Object> config, long from, long to, String topic) {
        JobDocument job = JobHarness.chain(config,
                op("numbers", "datagen-sequence", "from", from, "to", to),
                op("out", "kafka-sink", "bootstrapServers", bootstrap, "topic", topic, "keyField", "value", "semantic", "EXACTLY_ONCE"));
        return new JobDocument(job.format(), name, null, job.config(), job.operators(), job.edges(), job.layout());
    }

    @Test
    void produceClicksCommand_writesTheWorkloadsEventsAsJson() {
        int exit = io.checkpointstudio.engine.cli.Main.execute("produce-clicks", "--bootstrap", bootstrap, "--topic", "cli-clicks",
                "--events", "1000", "--users", "10");

        assertThat(exit).isZero();
        List<String> values = readCommitted("cli-clicks");
        assertThat(values).hasSize(1000);
        long i = 7;
        String expected = "{\"userId\":" + io.checkpointstudio.engine.operator.source.ClickEvents.userId(42, i, 10) + ",\"loggedIn\":"
                + io.checkpointstudio.engine.operator.source.ClickEvents.loggedIn(42, i) + ",\"ts\":" + i + "}";
        assertThat(values).contains(expected);
    }

    /**
     * The process dies after checkpoint 1 completed but before the sink committed its transaction: a new
     * sink instance (another process and run: nothing in its job scope) restored from checkpoint 1 commits that
     * transaction by its producer id and epoch, and aborts the one opened after the checkpoint.
     */
    @Test
    void kafkaSinkExactlyOnce_crashBetweenCheckpointCompletionAndCommit_recommitsOnRestore() throws Exception {
        createTopic("numbers-crash", 1);
        Map<String, Object> params = map("bootstrapServers", bootstrap, "topic", "numbers-crash", "semantic", "EXACTLY_ONCE",
                "transactionalIdPrefix", "crash");
        KafkaSink first = (KafkaSink) sink(params);
        first.open(context(new HashMap<>(), RUN_1));
        first.processBatch(numbers(0, 100), null);
        OperatorSnapshot snapshot = first.snapshotState(1);
        first.processBatch(numbers(100, 50), null); // after the checkpoint: must never become visible
        // crash: no notifyCheckpointComplete(1), no close()

        KafkaSink second = (KafkaSink) sink(params);
        second.restoreState(restore(snapshot.listState(), 1));
        second.open(context(new HashMap<>(), RUN_2));
        second.close();

        List<String> values = readCommitted("numbers-crash");
        assertThat(values).hasSize(100);
        assertThat(values).contains("{\"value\":0}", "{\"value\":99}").doesNotContain("{\"value\":100}");
    }

    /**
     * The process dies after checkpoint 2 completed, before either commit (the notification of checkpoint 1
     * had not arrived when checkpoint 2 was taken): a restore from checkpoint 2 commits both transactions.
     */
    @Test
    void kafkaSinkExactlyOnce_crashWithTwoCheckpointsUncommitted_theRestoreCommitsBoth() throws Exception {
        createTopic("numbers-two-pending", 1);
        Map<String, Object> params = map("bootstrapServers", bootstrap, "topic", "numbers-two-pending", "semantic", "EXACTLY_ONCE");
        KafkaSink first = (KafkaSink) sink(params);
        first.open(context(new HashMap<>(), RUN_1));
        first.processBatch(numbers(0, 100), null);
        first.snapshotState(1);
        first.processBatch(numbers(100, 100), null);
        OperatorSnapshot snapshot = first.snapshotState(2);
        first.processBatch(numbers(200, 50), null); // after checkpoint 2

        KafkaSink second = (KafkaSink) sink(params);
        second.restoreState(restore(snapshot.listState(), 2));
        second.open(context(new HashMap<>(), RUN_2));
        second.close();

        List<String> values = readCommitted("numbers-two-pending");
        assertThat(values).hasSize(200).doesNotHaveDuplicates().contains("{\"value\":0}", "{\"value\":199}").doesNotContain("{\"value\":200}");
    }

    /**
     * A checkpoint written before the run id was part of the transactional ids (its entry: the longs
     * {subtask, slots, slot, producer id, epoch}, ids {@code <prefix>-<subtask>-<slot>}): the restore still
     * commits its pending transaction and aborts the one left open after it.
     */
    @Test
    void kafkaSinkExactlyOnce_restoreFromACheckpointOfTheEarlierFormat_commitsItsPendingTransaction() throws Exception {
        createTopic("numbers-legacy", 1);
        Properties p = KafkaSettings.producer(Duration.ofSeconds(30), true);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "legacy-0-0");
        long[] idAndEpoch;
        KafkaProducer<String, String> pending = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        pending.initTransactions();
        pending.beginTransaction();
        for (int i = 0; i < 10; i++) {
            pending.send(new ProducerRecord<>("numbers-legacy", "{\"value\":" + i + "}"));
        }
        pending.flush();
        idAndEpoch = ProducerTransactions.idAndEpoch(pending);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "legacy-0-1");
        KafkaProducer<String, String> open = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        open.initTransactions();
        open.beginTransaction();
        open.send(new ProducerRecord<>("numbers-legacy", "{\"value\":10}")); // after the checkpoint
        open.flush();

        KafkaSink restored = (KafkaSink) sink(map("bootstrapServers", bootstrap, "topic", "numbers-legacy", "semantic", "EXACTLY_ONCE",
                "transactionalIdPrefix", "legacy"));
        restored.restoreState(restore(List.of(Bytes.ofLongs(0, 2, 0, idAndEpoch[0], idAndEpoch[1])), 1));
        restored.open(context(new HashMap<>(), RUN_2));
        restored.close();
        assertThatThrownBy(open::commitTransaction).as("the transaction left open was aborted: its producer is fenced")
                .isInstanceOf(KafkaException.class);
        pending.close(Duration.ZERO);
        open.close(Duration.ZERO);

        List<String> values = readCommitted("numbers-legacy"); // reads to the end only once the open transaction is aborted
        assertThat(values).hasSize(10).contains("{\"value\":0}", "{\"value\":9}").doesNotContain("{\"value\":10}");
    }

    private static io.checkpointstudio.engine.operator.Operator sink(Map<String, Object> params) throws Exception {
        var d = KafkaSink.DESCRIPTOR;
        var schema = io.checkpointstudio.engine.operator.source.DatagenSequenceSource.SCHEMA;
        return d.factory().create(new io.checkpointstudio.engine.operator.OperatorSetup("out", d,
                new io.checkpointstudio.engine.operator.Params(d, params), schema, schema, null, null));
    }

    private static io.checkpointstudio.engine.operator.OperatorContext context(Map<String, Object> scope, String runId) {
        io.checkpointstudio.engine.operator.JobScope jobScope = new io.checkpointstudio.engine.operator.JobScope() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getOrCreate(String key, java.util.function.Supplier<T> factory) {
                return (T) scope.computeIfAbsent(key, k -> factory.get());
            }
        };
        return new io.checkpointstudio.engine.operator.OperatorContext("out", "crash-job", runId, 0, 1, 128, 0, 127, 1024,
                name -> null, jobScope, 0, true, java.time.Duration.ofMillis(200));
    }

    private static io.checkpointstudio.engine.record.RecordBatch numbers(long from, int count) {
        var batch = io.checkpointstudio.engine.record.RecordBatch.allocate(
                io.checkpointstudio.engine.operator.source.DatagenSequenceSource.SCHEMA, count);
        for (int i = 0; i < count; i++) {
            batch.longs(0)[i] = from + i;
        }
        batch.setSize(count);
        return batch;
    }

    private static io.checkpointstudio.engine.state.StateRestore restore(List<byte[]> entries, long checkpointId) {
        return new io.checkpointstudio.engine.state.StateRestore() {
            @Override
            public List<byte[]> listState() {
                return entries;
            }

            @Override
            public void readKeyGroups(io.checkpointstudio.engine.state.KeyGroupReader reader) {
            }

            @Override
            public long checkpointId() {
                return checkpointId;
            }
        };
    }

    @Test
    void unreachableBootstrapServers_failTheJobNamingThem() throws Exception {
        List<Map<String, Object>> schema = List.of(map("name", "userId", "type", "long"));
        JobDocument job = JobHarness.chain(config(1, 1000, 0),
                op("in", "kafka-source", "bootstrapServers", "127.0.0.1:1", "topics", "nowhere", "schema", schema,
                        "connectTimeout", "900ms"),
                op("out", "collect"));
        try (JobExecution execution = start(job, new FaultInjector())) {
            JobResult result = JobHarness.awaitEnd(execution);
            assertThat(result.status()).isEqualTo(JobStatus.FAILED);
            List<String> errors = execution.events().recent().stream().filter(EngineEvent.TaskFailed.class::isInstance)
                    .map(e -> ((EngineEvent.TaskFailed) e).error()).toList();
            assertThat(errors).isNotEmpty();
            assertThat(errors.get(0)).contains("cannot reach Kafka at bootstrap servers 127.0.0.1:1");
        }
    }
}
