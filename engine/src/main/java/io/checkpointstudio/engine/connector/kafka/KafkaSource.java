package io.checkpointstudio.engine.connector.kafka;

import io.checkpointstudio.engine.format.InvalidRecordException;
import io.checkpointstudio.engine.format.LineParser;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.NullableFields;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.SourceOperator;
import io.checkpointstudio.engine.operator.source.EventTimeParams;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads JSON or CSV records from Kafka topics, like Flink's KafkaSource. A topic's partitions are spread
 * over the subtasks round-robin from a start subtask given by the topic's hash ({@link #owner}, Flink's
 * rule), so partitions added later, found every {@code partitionDiscoveryInterval}, land where they stay
 * and are read from their earliest offset. Each subtask assigns its partitions (no consumer-group
 * rebalancing) and keeps, per partition, the next offset to read as checkpointed list state: a restore
 * seeks to exactly those offsets and never depends on offsets committed to Kafka. Those are committed
 * when a checkpoint completes, only so that Kafka tools show the progress.
 *
 * <p>A cluster that stops answering (no records, and metadata requests time out, retried with a doubling
 * backoff) fails the task after {@code connectTimeout}, naming the bootstrap servers; the restart
 * strategy then restores the last checkpoint. With an event-time field the source emits the watermarks
 * itself: per partition the largest event time minus the out-of-orderness, the minimum over the
 * partitions that have not been idle for {@code idleTimeout}.
 */
public final class KafkaSource implements SourceOperator {
    public static final String TYPE = "kafka-source";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(20);
    static final String DISCOVERY_INTERVAL = "partitionDiscoveryInterval";
    /** While records arrive the cluster is known to be there; after this long without any, ask it (metadata request). */
    private static final long PROBE_AFTER_NANOS = 1_000_000_000L;
    /** Backoff between probes of a cluster that did not answer, doubling up to the maximum. */
    private static final long MAX_PROBE_BACKOFF_NANOS = 4_000_000_000L;
    private static final Duration MAX_PROBE_TIMEOUT = Duration.ofSeconds(2);

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SOURCE, "Kafka source")
            .summary("Reads JSON or CSV records from Kafka topics")
            .icon("mdi2a-apache-kafka")
            .stateful(true)
            .param(KafkaConnect.bootstrapParam())
            .param(ParamDescriptor.builder("topics", ParamType.STRING).label("Topics").required()
                    .summary("The topics to read, separated by commas").build())
            .param(ParamDescriptor.builder("format", ParamType.ENUM).label("Format").values("JSON", "CSV").defaultValue("JSON")
                    .summary("JSON: one object per record value, fields by name; CSV: values by position").build())
            .param(ParamDescriptor.builder("schema", ParamType.SCHEMA).label("Schema").required()
                    .summary("The fields to read, with their types").build())
            .param(ParamDescriptor.builder("startFrom", ParamType.ENUM).label("Start from")
                    .values("EARLIEST", "LATEST", "TIMESTAMP", "COMMITTED").defaultValue("EARLIEST")
                    .summary("Where a fresh start begins in each partition (a restore continues from its checkpoint)").build())
            .param(ParamDescriptor.builder("startTimestamp", ParamType.LONG).label("Start timestamp").min(0)
                    .summary("TIMESTAMP: the first record time to read, in epoch milliseconds").build())
            .param(ParamDescriptor.builder("groupId", ParamType.STRING).label("Group id")
                    .summary("The consumer group offsets are committed under; default checkpoint-studio-<job name>").build())
            .param(ParamDescriptor.builder("bounded", ParamType.BOOLEAN).label("Bounded").defaultValue(false)
                    .summary("Stop at the end offsets seen at start, so the job finishes (tests, demos)").build())
            .param(ParamDescriptor.builder("delimiter", ParamType.STRING).label("Delimiter").defaultValue(",")
                    .summary("CSV: the character between values").build())
            .param(ParamDescriptor.builder(DISCOVERY_INTERVAL, ParamType.DURATION).label("Partition discovery interval")
                    .defaultValue("10s").min(0)
                    .summary("How often to look for partitions added to the topics (read from their earliest offset); 0 turns it off").build())
            .param(KafkaConnect.connectTimeoutParam())
            .params(EventTimeParams.descriptors())
            .param(EventTimeParams.idleTimeoutDescriptor())
            .schema(ctx -> {
                KafkaConnect.checkNoCredentials(ctx);
                Params p = ctx.params();
                Schema schema = p.getSchema("schema");
                String topics = p.getString("topics");
                if (topics != null && KafkaConnect.splitTopics(topics).isEmpty()) {
                    ctx.error("topics", "names no topic; give one or more topic names separated by commas");
                }
                if ("TIMESTAMP".equals(p.getEnum("startFrom")) && !p.isSet("startTimestamp")) {
                    ctx.error("startTimestamp", "is required when startFrom is TIMESTAMP");
                }
                String delimiter = p.getString("delimiter");
                if (delimiter == null || delimiter.length() != 1) {
                    ctx.error("delimiter", "must be exactly one character, not '" + delimiter + "'");
                }
                EventTimeParams.check(ctx, schema);
                return schema;
            })
            .nullableFields(NullableFields.JSON_STRINGS)
            .factory(setup -> new KafkaSource(setup.params(), setup.outputSchema()))
            .build();

    private final String bootstrap;
    private final List<String> topics;
    private final Schema schema;
    private final LineParser parser;
    private final String startFrom;
    private final long startTimestamp;
    private final String groupIdParam;
    private final boolean bounded;
    private final Duration connectTimeout;
    private final long discoveryNanos;
    private final int timeColumn;
    private final long outOfOrderness;
    private final long idleNanos;

    private boolean restored;
    /** Restored: the partitions of each topic known when the checkpoint was taken (later ones are new). */
    private final Map<String, Integer> restoredKnown = new HashMap<>();
    private final Map<TopicPartition, Long> restoredOffsets = new LinkedHashMap<>();
    private KafkaConsumer<byte[], String> consumer;
    private String name;
    private int batchSize;
    /** The next offset to read, per assigned partition. */
    private final Map<TopicPartition, Long> next = new LinkedHashMap<>();
    /** Bounded: the end offset per partition (exclusive). */
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private final Set<TopicPartition> finished = new HashSet<>();
    /** Offsets snapshotted per checkpoint, committed to Kafka when the checkpoint completes. */
    private final TreeMap<Long, Map<TopicPartition, Long>> toCommit = new TreeMap<>();
    /** The number of partitions seen per topic; a partition at or above it is new. */
    private final Map<String, Integer> known = new HashMap<>();
    private int parallelism;
    private int subtaskIndex;
    private long lastDiscovery;

    private long lastContact = System.nanoTime();
    private long nextProbe;
    private long probeBackoff;
    private int failedProbes;

    /** Event time: per partition, the largest event time seen and when its last record came (processing time). */
    private final Map<TopicPartition, long[]> partitionTime = new HashMap<>();
    private long emittedWatermark = Long.MIN_VALUE;
    /** pipeline.auto-watermark-interval; 0: no watermarks before the end of the input, as in Flink. */
    private long watermarkIntervalNanos;
    private long lastWatermarkNanos;
    private KafkaSource(Params params, Schema schema) {
        this.bootstrap = params.getString(KafkaConnect.BOOTSTRAP);
        this.topics = KafkaConnect.splitTopics(params.getString("topics"));
        this.schema = schema;
        this.parser = new LineParser(schema, TextFormat.valueOf(params.getEnum("format")), params.getString("delimiter").charAt(0));
        this.startFrom = params.getEnum("startFrom");
        this.startTimestamp = params.isSet("startTimestamp") ? params.getLong("startTimestamp") : 0L;
        this.groupIdParam = params.getString("groupId");
        this.bounded = params.getBoolean("bounded");
        this.connectTimeout = params.getDuration(KafkaConnect.CONNECT_TIMEOUT);
        this.discoveryNanos = params.getDuration(DISCOVERY_INTERVAL).toNanos();
        String timeField = params.getString(EventTimeParams.EVENT_TIME_FIELD);
        this.timeColumn = timeField == null || timeField.isBlank() ? -1 : schema.indexOf(timeField);
        Duration ooo = params.getDuration(EventTimeParams.MAX_OUT_OF_ORDERNESS);
        this.outOfOrderness = ooo == null ? 0 : ooo.toMillis();
        Duration idle = params.getDuration(EventTimeParams.IDLE_TIMEOUT);
        this.idleNanos = idle == null ? 0 : idle.toNanos();
    }

    /**
     * Flink's KafkaSource split assignment: a topic's partitions go round-robin over the subtasks, starting
     * at a subtask given by the topic's hash, so partitions added later land where they will stay.
     */
    static int owner(TopicPartition tp, int parallelism) {
        int start = ((tp.topic().hashCode() * 31) & 0x7FFFFFFF) % parallelism;
        return (start + tp.partition()) % parallelism;
    }

    @Override
    public boolean generatesWatermarks() {
        return timeColumn >= 0;
    }

    @Override
    public void restoreState(StateRestore restore) throws IOException {
        restored = true;
        for (byte[] entry : restore.listState()) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
                String topic = in.readUTF();
                int partition = in.readInt();
                long offset = in.readLong();
                int knownOfTopic = in.available() >= 4 ? in.readInt() : partition + 1;
                restoredOffsets.put(new TopicPartition(topic, partition), offset);
                restoredKnown.merge(topic, Math.max(knownOfTopic, partition + 1), Math::max);
            }
        }
    }

    @Override
    public void open(OperatorContext ctx) throws IOException {
        name = TYPE + " '" + ctx.operatorId() + "'";
        batchSize = ctx.batchSize();
        watermarkIntervalNanos = ctx.autoWatermarkInterval().toNanos();
        String groupId = groupIdParam != null && !groupIdParam.isBlank() ? groupIdParam : KafkaSettings.defaultGroupId(ctx.jobName());
        Properties props = KafkaSettings.consumer();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + ctx.operatorId() + "-" + ctx.subtaskIndex());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, batchSize));
        consumer = KafkaConnect.create(name, bootstrap,
                () -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new StringDeserializer()));

        parallelism = ctx.parallelism();
        subtaskIndex = ctx.subtaskIndex();
        List<TopicPartition> mine = new ArrayList<>();
        Map<TopicPartition, Long> start = new HashMap<>();
        if (restored) {
            // exactly the partitions of the checkpoint's entries this subtask was handed (all of them after a rescale)
            mine.addAll(restoredOffsets.keySet());
            start.putAll(restoredOffsets);
            known.putAll(restoredKnown);
        } else {
            for (String topic : topics) {
                List<PartitionInfo> infos = KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> consumer.partitionsFor(topic, t));
                if (infos == null || infos.isEmpty()) {
                    throw new IOException(name + ": topic '" + topic + "' does not exist at " + bootstrap + "; create it or check params.topics");
                }
                known.put(topic, infos.size());
                infos.stream().sorted(Comparator.comparingInt(PartitionInfo::partition))
                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                        .filter(tp -> owner(tp, parallelism) == subtaskIndex)
                        .forEach(mine::add);
            }
            if (!mine.isEmpty()) {
                start.putAll(startOffsets(mine));
            }
        }
        lastDiscovery = System.nanoTime();
        assign(mine, start);
        if (bounded && !mine.isEmpty()) {
            Map<TopicPartition, Long> end = KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> consumer.endOffsets(mine, t));
            ends.putAll(end);
            for (TopicPartition tp : mine) {
                markIfFinished(tp);
            }
        }
    }

    /** Adds partitions to this subtask's assignment, each from its given offset. */
    private void assign(List<TopicPartition> added, Map<TopicPartition, Long> start) {
        List<TopicPartition> all = new ArrayList<>(next.keySet());
        all.addAll(added);
        consumer.assign(all);
        for (TopicPartition tp : added) {
            consumer.seek(tp, start.get(tp));
            next.put(tp, start.get(tp));
            partitionTime.put(tp, new long[] {Long.MIN_VALUE, System.nanoTime()});
        }
    }

    /**
     * Looks for partitions added to the topics since they were last seen; the ones this subtask owns are
     * read from their earliest offset (Flink does the same for partitions it discovers). The same metadata
     * request tells whether the cluster still answers.
     */
    private void discoverPartitions(Map<String, List<PartitionInfo>> metadata) {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = metadata.get(topic);
            if (infos == null) {
                continue;
            }
            int before = known.getOrDefault(topic, 0);
            for (PartitionInfo i : infos) {
                TopicPartition tp = new TopicPartition(topic, i.partition());
                if (i.partition() >= before && owner(tp, parallelism) == subtaskIndex && !next.containsKey(tp)) {
                    added.add(tp);
                }
            }
            known.put(topic, Math.max(before, infos.size()));
        }
        if (added.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> earliest = consumer.beginningOffsets(added, MAX_PROBE_TIMEOUT);
        assign(added, earliest);
    }

    private Map<TopicPartition, Long> startOffsets(List<TopicPartition> mine) throws IOException {
        Map<TopicPartition, Long> earliest = KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> consumer.beginningOffsets(mine, t));
        Map<TopicPartition, Long> result = new HashMap<>();
        switch (startFrom) {
            case "LATEST" -> result.putAll(KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> consumer.endOffsets(mine, t)));
            case "TIMESTAMP" -> {
                Map<TopicPartition, Long> query = new HashMap<>();
                mine.forEach(tp -> query.put(tp, startTimestamp));
                Map<TopicPartition, OffsetAndTimestamp> found = KafkaConnect.withRetries(name, bootstrap, connectTimeout,
                        t -> consumer.offsetsForTimes(query, t));
                Map<TopicPartition, Long> end = KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> consumer.endOffsets(mine, t));
                for (TopicPartition tp : mine) {
                    OffsetAndTimestamp o = found.get(tp);
                    result.put(tp, o != null ? o.offset() : end.get(tp));
                }
            }
            case "COMMITTED" -> {
                Map<TopicPartition, OffsetAndMetadata> committed = KafkaConnect.withRetries(name, bootstrap, connectTimeout,
                        t -> consumer.committed(new HashSet<>(mine), t));
                for (TopicPartition tp : mine) {
                    OffsetAndMetadata o = committed.get(tp);
                    result.put(tp, o != null ? o.offset() : earliest.get(tp));
                }
            }
            default -> result.putAll(earliest);
        }
        return result;
    }

    private void markIfFinished(TopicPartition tp) {
        if (bounded && next.get(tp) >= ends.getOrDefault(tp, 0L) && finished.add(tp)) {
            consumer.pause(List.of(tp));
        }
    }

    @Override
    public Status emitNext(Output out) throws IOException {
        if (bounded && finished.size() == next.size()) {
            return Status.END_OF_INPUT;
        }
        long now = System.nanoTime();
        if (!bounded && discoveryNanos > 0 && now - lastDiscovery >= discoveryNanos) {
            probe(now, true);
        }
        if (next.isEmpty()) {
            return Status.NOTHING_AVAILABLE; // more subtasks than partitions: this one has nothing to read
        }
        ConsumerRecords<byte[], String> records = consumer.poll(POLL_TIMEOUT);
        now = System.nanoTime();
        if (records.isEmpty()) {
            probe(now, false);
        } else {
            lastContact = now;
            failedProbes = 0;
        }
        RecordBatch batch = records.isEmpty() ? null : RecordBatch.allocate(schema, Math.max(records.count(), 1));
        int n = 0;
        for (TopicPartition tp : records.partitions()) {
            long end = bounded ? ends.getOrDefault(tp, 0L) : Long.MAX_VALUE;
            boolean reachedEnd = false;
            int first = n;
            for (ConsumerRecord<byte[], String> r : records.records(tp)) {
                if (r.offset() >= end) {
                    reachedEnd = true;
                    break;
                }
                if (r.value() != null) {
                    try {
                        parser.parseInto(r.value(), batch, n);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidRecordException(name + ": topic " + tp.topic() + " partition " + tp.partition() + " offset " + r.offset()
                                + ": " + e.getMessage());
                    }
                    n++;
                }
                next.put(tp, r.offset() + 1);
            }
            if (reachedEnd) {
                next.put(tp, end);
            }
            if (timeColumn >= 0 && n > first) {
                long[] t = partitionTime.get(tp);
                long[] ts = batch.longs(timeColumn);
                for (int i = first; i < n; i++) {
                    t[0] = Math.max(t[0], ts[i]);
                }
                t[1] = now;
            }
        }
        // the consumer's position also moves past transaction markers, which are never returned as records
        for (TopicPartition tp : next.keySet()) {
            if (!finished.contains(tp)) {
                long position = consumer.position(tp);
                if (position > next.get(tp) && position <= (bounded ? ends.getOrDefault(tp, 0L) : Long.MAX_VALUE)) {
                    next.put(tp, position);
                }
                markIfFinished(tp);
            }
        }
        if (n > 0) {
            batch.setSize(n);
            out.emit(batch);
        }
        if (timeColumn >= 0 && watermarkIntervalNanos > 0 && now - lastWatermarkNanos >= watermarkIntervalNanos) {
            emitWatermark(out, now);
            lastWatermarkNanos = now;
        }
        if (bounded && finished.size() == next.size()) {
            return Status.END_OF_INPUT;
        }
        return n > 0 ? Status.MORE_AVAILABLE : Status.NOTHING_AVAILABLE;
    }

    /**
     * The smallest watermark over the partitions that are not idle (no record for {@code idleTimeout}), as
     * Flink's per-split watermarks: one partition far ahead cannot make another's records late, and a
     * partition that stopped receiving data cannot hold the others back. A partition that has not had a
     * record yet holds the watermark until it turns idle. Finished partitions (bounded) do not count.
     */
    private void emitWatermark(Output out, long now) {
        long min = Long.MAX_VALUE;
        boolean any = false;
        for (var e : partitionTime.entrySet()) {
            long[] t = e.getValue();
            if (finished.contains(e.getKey()) || (idleNanos > 0 && now - t[1] >= idleNanos)) {
                continue;
            }
            any = true;
            min = Math.min(min, t[0] == Long.MIN_VALUE ? Long.MIN_VALUE : t[0] - outOfOrderness - 1);
        }
        if (any && min > emittedWatermark) {
            emittedWatermark = min;
            out.emitWatermark(min);
        }
    }

    /**
     * Asks the cluster for its topics' metadata when nothing has been heard for a while ({@code discover}:
     * because partition discovery is due). A cluster that does not answer is asked again with a doubling
     * backoff; once it has not answered for {@code connectTimeout} the task fails naming the servers, and
     * the restart strategy restores the last checkpoint.
     */
    private void probe(long now, boolean discover) throws IOException {
        if (!discover && (now - lastContact < PROBE_AFTER_NANOS || now < nextProbe)) {
            return;
        }
        Duration timeout = connectTimeout.compareTo(MAX_PROBE_TIMEOUT) < 0 ? connectTimeout : MAX_PROBE_TIMEOUT;
        try {
            Map<String, List<PartitionInfo>> metadata = consumer.listTopics(timeout.isZero() ? Duration.ofMillis(1) : timeout);
            now = System.nanoTime();
            lastContact = now;
            failedProbes = 0;
            probeBackoff = 0;
            nextProbe = now + PROBE_AFTER_NANOS;
            if (discover || (discoveryNanos > 0 && now - lastDiscovery >= discoveryNanos)) {
                lastDiscovery = now;
                if (!bounded) {
                    discoverPartitions(metadata);
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            now = System.nanoTime();
            failedProbes++;
            long silentMillis = (now - lastContact) / 1_000_000;
            if (silentMillis >= connectTimeout.toMillis()) {
                throw KafkaConnect.unreachable(name, bootstrap, silentMillis,
                        failedProbes + " metadata requests timed out, no record received");
            }
            probeBackoff = Math.min(MAX_PROBE_BACKOFF_NANOS, probeBackoff == 0 ? 250_000_000L : probeBackoff * 2);
            nextProbe = now + probeBackoff;
            if (discover) {
                lastDiscovery = now; // discovery waits for its next turn; the probes go on with their backoff
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IOException(name + ": Kafka at " + bootstrap + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) {
        List<byte[]> entries = new ArrayList<>();
        for (var e : next.entrySet()) {
            entries.add(entry(e.getKey(), e.getValue(), known.getOrDefault(e.getKey().topic(), e.getKey().partition() + 1)));
        }
        toCommit.put(checkpointId, new LinkedHashMap<>(next));
        return OperatorSnapshot.ofList(entries);
    }

    private static byte[] entry(TopicPartition tp, long offset, int knownOfTopic) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(tp.topic());
            out.writeInt(tp.partition());
            out.writeLong(offset);
            out.writeInt(knownOfTopic);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Map<TopicPartition, Long> offsets = toCommit.get(checkpointId);
        toCommit.headMap(checkpointId, true).clear();
        if (offsets == null || offsets.isEmpty() || consumer == null) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
        // for visibility only (restores use the checkpoint), so a failed commit is not an error
        consumer.commitAsync(commit, (o, e) -> { });
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        toCommit.remove(checkpointId);
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(2));
            consumer = null;
        }
    }

    /** The next offset per assigned partition (tests). */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(next);
    }
}
