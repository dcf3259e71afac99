package io.checkpointstudio.engine.connector.kafka;

import io.checkpointstudio.engine.format.LineParser;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.operator.Category;
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
 * Reads JSON or CSV records from Kafka topics, like Flink's KafkaSource. The partitions of all topics, in
 * topic order then partition order, are spread over the subtasks (the i-th goes to subtask i modulo the
 * parallelism; for one topic partition p goes to subtask p % P). Each subtask assigns its partitions
 * (no consumer-group rebalancing) and keeps, per partition, the next offset to read as checkpointed list
 * state: a restore seeks to exactly those offsets and never depends on offsets committed to Kafka. Those
 * are committed when a checkpoint completes, only so that Kafka tools show the progress.
 */
public final class KafkaSource implements SourceOperator {
    public static final String TYPE = "kafka-source";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(20);

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
            .param(KafkaConnect.connectTimeoutParam())
            .params(EventTimeParams.descriptors())
            .schema(ctx -> {
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

    private boolean restored;
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
    }

    @Override
    public void restoreState(StateRestore restore) throws IOException {
        restored = true;
        for (byte[] entry : restore.listState()) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
                String topic = in.readUTF();
                int partition = in.readInt();
                long offset = in.readLong();
                restoredOffsets.put(new TopicPartition(topic, partition), offset);
            }
        }
    }

    @Override
    public void open(OperatorContext ctx) throws IOException {
        name = TYPE + " '" + ctx.operatorId() + "'";
        batchSize = ctx.batchSize();
        String groupId = groupIdParam != null && !groupIdParam.isBlank() ? groupIdParam : "checkpoint-studio-" + ctx.jobName();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + ctx.operatorId() + "-" + ctx.subtaskIndex());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, batchSize));
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = KafkaConnect.create(name, bootstrap,
                () -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new StringDeserializer()));

        List<TopicPartition> mine = new ArrayList<>();
        if (restored) {
            // exactly the partitions of the checkpoint's entries this subtask was handed (all of them after a rescale)
            mine.addAll(restoredOffsets.keySet());
        } else {
            List<TopicPartition> all = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> consumer.partitionsFor(topic, t));
                if (infos == null || infos.isEmpty()) {
                    throw new IOException(name + ": topic '" + topic + "' does not exist at " + bootstrap + "; create it or check params.topics");
                }
                infos.stream().sorted(Comparator.comparingInt(PartitionInfo::partition))
                        .forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
            }
            for (int i = 0; i < all.size(); i++) {
                if (i % ctx.parallelism() == ctx.subtaskIndex()) {
                    mine.add(all.get(i));
                }
            }
        }
        consumer.assign(mine);
        if (mine.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> start = restored ? restoredOffsets : startOffsets(mine);
        for (TopicPartition tp : mine) {
            consumer.seek(tp, start.get(tp));
            next.put(tp, start.get(tp));
        }
        if (bounded) {
            Map<TopicPartition, Long> end = KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> consumer.endOffsets(mine, t));
            ends.putAll(end);
            for (TopicPartition tp : mine) {
                markIfFinished(tp);
            }
        }
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
        if (next.isEmpty()) {
            return Status.NOTHING_AVAILABLE; // more subtasks than partitions: this one has nothing to read
        }
        ConsumerRecords<byte[], String> records = consumer.poll(POLL_TIMEOUT);
        RecordBatch batch = records.isEmpty() ? null : RecordBatch.allocate(schema, Math.max(records.count(), 1));
        int n = 0;
        for (TopicPartition tp : records.partitions()) {
            long end = bounded ? ends.getOrDefault(tp, 0L) : Long.MAX_VALUE;
            boolean reachedEnd = false;
            for (ConsumerRecord<byte[], String> r : records.records(tp)) {
                if (r.offset() >= end) {
                    reachedEnd = true;
                    break;
                }
                if (r.value() != null) {
                    try {
                        parser.parseInto(r.value(), batch, n);
                    } catch (IllegalArgumentException e) {
                        throw new IOException(name + ": topic " + tp.topic() + " partition " + tp.partition() + " offset " + r.offset()
                                + ": " + e.getMessage());
                    }
                    n++;
                }
                next.put(tp, r.offset() + 1);
            }
            if (reachedEnd) {
                next.put(tp, end);
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
        if (bounded && finished.size() == next.size()) {
            return Status.END_OF_INPUT;
        }
        return n > 0 ? Status.MORE_AVAILABLE : Status.NOTHING_AVAILABLE;
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) {
        List<byte[]> entries = new ArrayList<>();
        for (var e : next.entrySet()) {
            entries.add(entry(e.getKey(), e.getValue()));
        }
        toCommit.put(checkpointId, new LinkedHashMap<>(next));
        return OperatorSnapshot.ofList(entries);
    }

    private static byte[] entry(TopicPartition tp, long offset) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(tp.topic());
            out.writeInt(tp.partition());
            out.writeLong(offset);
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
