package io.checkpointstudio.engine.connector.kafka;

import io.checkpointstudio.engine.fault.InjectedFailure;
import io.checkpointstudio.engine.format.LineWriter;
import io.checkpointstudio.engine.format.TextFormat;
import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorContext;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.Output;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.operator.Params;
import io.checkpointstudio.engine.operator.StreamOperator;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.record.Schema;
import io.checkpointstudio.engine.state.Bytes;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes each record as a JSON object to a Kafka topic, optionally keyed by a field, like Flink's KafkaSink.
 * AT_LEAST_ONCE sends records as they arrive and flushes at every checkpoint, so a restore can only
 * duplicate. EXACTLY_ONCE writes the records between two checkpoints in one Kafka transaction: the
 * checkpoint flushes it and keeps it pending, its completion commits it (two-phase commit); readers with
 * {@code isolation.level=read_committed} see each record once. Every subtask uses transactional ids
 * {@code <prefix>-<run id>-<subtask>-<slot>} (a new transaction can start while the previous one waits for its
 * checkpoint to complete): the run id (the job id of this run) keeps two jobs apart even when they share a
 * name and a prefix, so a start never aborts another job's transactions. A checkpoint keeps the ids' base,
 * the topic, the number of slots and the pending transaction's slot, producer id and epoch. After an
 * in-process restart the still-open producers commit the transactions of completed checkpoints; a restore
 * in another run (after a process crash, or from a savepoint) resumes the restored checkpoint's pending
 * transaction by its producer id and epoch and commits it (Flink's resumeTransaction, through kafka-clients
 * internals), then initialises the restored run's ids, which aborts what that run left open after the
 * checkpoint — unless it wrote another topic (a fork writing elsewhere leaves the original alone). Every
 * transaction gets a freshly initialised producer (a new epoch), so such a recommit can never commit a
 * later transaction.
 */
public final class KafkaSink implements StreamOperator {
    public static final String TYPE = "kafka-sink";
    /** Starts a list-state entry of this format; an entry of the earlier format (longs, no run id) starts with its subtask index. */
    private static final long ENTRY_FORMAT = -2;
    /** Test hook: when set to a topic, the next commit of a completed checkpoint's transaction into it fails before committing. */
    static volatile String failBeforeCommitOfTopic;

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.SINK, "Kafka sink")
            .exactlyOnceSink()
            .summary("Writes records as JSON to a Kafka topic, exactly once with transactions")
            .icon("mdi2a-apache-kafka")
            .inputs(1, Integer.MAX_VALUE)
            .stateful(true)
            .param(KafkaConnect.bootstrapParam())
            .param(ParamDescriptor.builder("topic", ParamType.STRING).label("Topic").required()
                    .summary("The topic to write to").build())
            .param(ParamDescriptor.builder("keyField", ParamType.FIELD).label("Key field")
                    .summary("The field whose value becomes the record key (and so picks the partition); none: no key").build())
            .param(ParamDescriptor.builder("semantic", ParamType.ENUM).label("Delivery").values("AT_LEAST_ONCE", "EXACTLY_ONCE")
                    .defaultValue("AT_LEAST_ONCE")
                    .summary("EXACTLY_ONCE writes one transaction per checkpoint; readers must use read_committed").build())
            .param(ParamDescriptor.builder("transactionalIdPrefix", ParamType.STRING).label("Transactional id prefix")
                    .summary("EXACTLY_ONCE: prefix of the transactional ids <prefix>-<run id>-<subtask>-<slot>;"
                            + " default checkpoint-studio-<job name>-<operator id>").build())
            .param(KafkaConnect.connectTimeoutParam())
            .schema(ctx -> {
                KafkaConnect.checkNoCredentials(ctx);
                String key = ctx.params().getString("keyField");
                if (key != null && !key.isBlank()) {
                    ctx.requireField("keyField", key, FieldType.LONG, FieldType.DOUBLE, FieldType.BOOLEAN, FieldType.STRING);
                }
                return ctx.input();
            })
            .factory(setup -> new KafkaSink(setup.params(), setup.inputSchema()))
            .build();

    private final String bootstrap;
    private final String topic;
    private final String keyField;
    private final boolean exactlyOnce;
    private final String prefixParam;
    private final Duration connectTimeout;
    private final Schema schema;
    private final LineWriter lines;
    private final StringBuilder line = new StringBuilder(256);
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private final Callback callback = (metadata, e) -> {
        if (e != null) {
            sendError.compareAndSet(null, e);
        }
    };
    private String name;
    private int keyColumn = -1;
    private long restoredCheckpoint = -1;
    /** The restored checkpoint's entries as they were read, and decoded (in open(): the earlier format's ids need the prefix). */
    private List<byte[]> restoredEntries = List.of();
    private final List<RestoredIds> restored = new ArrayList<>();
    private KafkaProducer<String, String> producer;
    private Transactions tx;
    private int currentSlot;

    /**
     * What a checkpoint keeps of one subtask's transactions: the transactional ids' base ({@code <prefix>-<run
     * id>-<subtask>-}, followed by the slot), the topic (null in an entry of the earlier format), how many slots
     * it used, and every transaction pending at the checkpoint, oldest first.
     */
    private record RestoredIds(String base, String topic, int slots, List<PendingTransaction> pending) {
        static RestoredIds read(byte[] entry, String legacyPrefix) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
                long first = in.readLong();
                if (first == ENTRY_FORMAT) {
                    String base = in.readUTF();
                    String topic = in.readUTF();
                    int slots = in.readInt();
                    List<PendingTransaction> pending = new ArrayList<>();
                    for (int i = in.readInt(); i > 0; i--) {
                        pending.add(new PendingTransaction(in.readInt(), in.readLong(), in.readShort()));
                    }
                    return new RestoredIds(base, topic, slots, pending);
                }
                if (first < 0) {
                    throw new IOException("a list-state entry of an unknown format (" + first + "); was the snapshot written by a newer version?");
                }
                // the earlier format: longs {subtask, slots, slot, producer id, epoch}, ids <prefix>-<subtask>-<slot>
                long[] v = Bytes.toLongs(entry);
                List<PendingTransaction> pending = v.length >= 5 && v[3] >= 0
                        ? List.of(new PendingTransaction((int) v[2], v[3], (short) v[4])) : List.of();
                return new RestoredIds(legacyPrefix + "-" + v[0] + "-", null, (int) v[1], pending);
            }
        }

        byte[] toBytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(ENTRY_FORMAT);
                out.writeUTF(base);
                out.writeUTF(topic);
                out.writeInt(slots);
                out.writeInt(pending.size());
                for (PendingTransaction p : pending) {
                    out.writeInt(p.slot());
                    out.writeLong(p.producerId());
                    out.writeShort(p.epoch());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    /** A transaction left pending for a checkpoint: its slot, and the producer id and epoch that resume it. */
    private record PendingTransaction(int slot, long producerId, short epoch) {
    }

    /** The producers of one subtask's transactions, kept across restarts of the job in this process. */
    static final class Transactions {
        final TreeMap<Long, Integer> pending = new TreeMap<>();
        final Map<Integer, KafkaProducer<String, String>> producers = new java.util.HashMap<>();
        final ArrayDeque<Integer> free = new ArrayDeque<>();
        int slots;
    }

    private KafkaSink(Params params, Schema schema) {
        this.bootstrap = params.getString(KafkaConnect.BOOTSTRAP);
        this.topic = params.getString("topic");
        this.keyField = params.getString("keyField");
        this.exactlyOnce = "EXACTLY_ONCE".equals(params.getEnum("semantic"));
        this.prefixParam = params.getString("transactionalIdPrefix");
        this.connectTimeout = params.getDuration(KafkaConnect.CONNECT_TIMEOUT);
        this.schema = schema;
        this.lines = new LineWriter(schema, TextFormat.JSON, ',');
        if (keyField != null && !keyField.isBlank()) {
            keyColumn = schema.names().indexOf(keyField);
        }
    }

    @Override
    public void restoreState(StateRestore restore) {
        restoredCheckpoint = restore.checkpointId();
        restoredEntries = restore.listState();
    }

    @Override
    public void open(OperatorContext ctx) throws IOException {
        name = TYPE + " '" + ctx.operatorId() + "'";
        subtask = ctx.subtaskIndex();
        if (!exactlyOnce) {
            producer = newProducer(ctx, null);
            KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> {
                producer.partitionsFor(topic); // bounded by max.block.ms
                return null;
            });
            return;
        }
        String prefix = prefixParam != null && !prefixParam.isBlank() ? prefixParam
                : KafkaSettings.defaultTransactionalIdPrefix(ctx.jobName(), ctx.operatorId());
        String base = prefix + "-" + ctx.jobId() + "-" + ctx.subtaskIndex() + "-";
        for (byte[] entry : restoredEntries) {
            try {
                restored.add(RestoredIds.read(entry, prefix));
            } catch (IOException e) {
                throw new IOException(name + ": " + e.getMessage(), e);
            }
        }
        tx = ctx.jobScoped("kafka-transactions", Transactions::new);
        synchronized (tx) {
            boolean freshProcess = tx.producers.isEmpty() && tx.pending.isEmpty();
            for (RestoredIds r : restored) {
                if (!freshProcess && r.base().equals(base)) {
                    continue; // this run's own transactions, still held by its producers: handled below
                }
                // The process or run that wrote the checkpoint is gone: its checkpoint completed, so commit the
                // transaction it had pending, resumed from its producer id and epoch (before the ids are initialised).
                for (PendingTransaction p : r.pending()) {
                    recommit(ctx, r.base() + p.slot(), p.producerId(), p.epoch());
                }
                if (!r.base().equals(base) && (r.topic() == null || r.topic().equals(topic))) {
                    abortOpen(ctx, r);
                }
            }
            // transactions of an earlier attempt: those of completed checkpoints are committed, the rest aborted
            for (var e : tx.pending.entrySet()) {
                KafkaProducer<String, String> p = tx.producers.remove(e.getValue());
                if (p == null) {
                    continue;
                }
                try {
                    if (e.getKey() <= restoredCheckpoint) {
                        p.commitTransaction();
                    }
                } catch (RuntimeException ignored) {
                    // fenced or broken: initialising the id below aborts it
                } finally {
                    p.close(Duration.ZERO);
                }
            }
            tx.pending.clear();
            tx.producers.values().forEach(p -> p.close(Duration.ZERO));
            tx.producers.clear();
            tx.free.clear();
            int restoredSlots = restored.stream().filter(r -> r.base().equals(base)).mapToInt(RestoredIds::slots).max().orElse(0);
            tx.slots = Math.max(Math.max(tx.slots, restoredSlots), 2);
            for (int slot = 0; slot < tx.slots; slot++) {
                KafkaProducer<String, String> p = newProducer(ctx, base + slot);
                KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> {
                    p.initTransactions();
                    return null;
                });
                tx.producers.put(slot, p);
                tx.free.add(slot);
            }
            this.base = base;
            this.ctx = ctx;
            beginNext();
        }
    }

    /**
     * Initialises each transactional id of a restored run's subtask, which aborts the transaction it left open
     * after the checkpoint (its records are replayed), so that {@code read_committed} readers are not held up
     * until the transaction times out.
     */
    private void abortOpen(OperatorContext ctx, RestoredIds r) throws IOException {
        for (int slot = 0; slot < r.slots(); slot++) {
            KafkaProducer<String, String> p = newProducer(ctx, r.base() + slot);
            try {
                KafkaConnect.withRetries(name, bootstrap, connectTimeout, t -> {
                    p.initTransactions();
                    return null;
                });
            } finally {
                p.close(Duration.ofSeconds(2));
            }
        }
    }

    private void recommit(OperatorContext ctx, String transactionalId, long producerId, short epoch) throws IOException {
        KafkaProducer<String, String> p = newProducer(ctx, transactionalId);
        try {
            ProducerTransactions.resume(p, producerId, epoch);
            p.commitTransaction();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // already committed, or fenced by a later attempt: nothing left to commit
        } finally {
            p.close(Duration.ofSeconds(2));
        }
    }

    private String base;
    private OperatorContext ctx;
    private int subtask;

    private void beginNext() throws IOException {
        Integer slot = tx.free.poll();
        if (slot == null) {
            slot = tx.slots++;
        }
        if (!tx.producers.containsKey(slot)) {
            // a new producer per transaction: initialising the id bumps its epoch, so a crash-recovery recommit
            // of an earlier (already committed) transaction of this id is fenced instead of committing this one
            KafkaProducer<String, String> p = newProducer(ctx, base + slot);
            p.initTransactions();
            tx.producers.put(slot, p);
        }
        currentSlot = slot;
        producer = tx.producers.get(slot);
        producer.beginTransaction();
    }

    private KafkaProducer<String, String> newProducer(OperatorContext ctx, String transactionalId) throws IOException {
        Properties props = KafkaSettings.producer(connectTimeout, transactionalId != null);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return KafkaConnect.create(name, bootstrap, () -> new KafkaProducer<>(props, new StringSerializer(), new StringSerializer()));
    }

    @Override
    public void processBatch(RecordBatch batch, Output out) throws IOException {
        checkError();
        Object keys = keyColumn >= 0 ? batch.column(keyColumn) : null;
        for (int row = 0; row < batch.size(); row++) {
            line.setLength(0);
            lines.append(line, batch, row);
            String key = keys == null ? null : keyString(keys, row);
            try {
                producer.send(new ProducerRecord<>(topic, key, line.toString()), callback);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw KafkaConnect.unreachable(name, bootstrap, connectTimeout.toMillis() / 3, "no metadata for topic '" + topic + "': " + e.getMessage());
            }
        }
    }

    private static String keyString(Object col, int row) {
        if (col instanceof long[] l) {
            return Long.toString(l[row]);
        } else if (col instanceof double[] d) {
            return Double.toString(d[row]);
        } else if (col instanceof boolean[] b) {
            return Boolean.toString(b[row]);
        }
        return ((String[]) col)[row];
    }

    private void checkError() throws IOException {
        Exception e = sendError.get();
        if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
            throw KafkaConnect.unreachable(name, bootstrap, connectTimeout.toMillis(),
                    "records for topic '" + topic + "' not delivered: " + e.getMessage());
        }
        if (e != null) {
            throw new IOException(name + ": writing to topic '" + topic + "' at " + bootstrap + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) throws IOException {
        producer.flush();
        checkError();
        if (exactlyOnce) {
            synchronized (tx) {
                tx.pending.put(checkpointId, currentSlot);
                // every transaction still pending, not only this checkpoint's: when the process dies before an
                // earlier checkpoint's commit, a restore from this one commits that transaction too
                List<PendingTransaction> pendingNow = new ArrayList<>();
                for (int slot : tx.pending.values()) {
                    long[] idAndEpoch = ProducerTransactions.idAndEpoch(tx.producers.get(slot));
                    if (idAndEpoch[0] >= 0) {
                        pendingNow.add(new PendingTransaction(slot, idAndEpoch[0], (short) idAndEpoch[1]));
                    }
                }
                beginNext();
                return OperatorSnapshot.ofList(List.of(new RestoredIds(base, topic, tx.slots, pendingNow).toBytes()));
            }
        }
        return null;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
        if (!exactlyOnce) {
            return;
        }
        synchronized (tx) {
            var done = tx.pending.headMap(checkpointId, true);
            if (!done.isEmpty() && topic.equals(failBeforeCommitOfTopic)) {
                failBeforeCommitOfTopic = null;
                throw new InjectedFailure("injected failure of " + name + " after checkpoint " + checkpointId
                        + " completed, before its transaction was committed");
            }
            for (int slot : done.values()) {
                KafkaProducer<String, String> p = tx.producers.remove(slot);
                try {
                    p.commitTransaction();
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    tx.producers.put(slot, p); // still pending: a restore commits it
                    throw KafkaConnect.unreachable(name, bootstrap, connectTimeout.toMillis() / 3,
                            "committing the transaction of checkpoint " + checkpointId + ": " + e.getMessage());
                }
                p.close(Duration.ofSeconds(2));
                tx.free.add(slot);
            }
            done.clear();
        }
    }

    @Override
    public void close() {
        if (!exactlyOnce) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            return;
        }
        if (tx == null) {
            return;
        }
        synchronized (tx) {
            // the open transaction is after the last checkpoint: never needed; pending ones may still be committed
            KafkaProducer<String, String> p = tx.producers.get(currentSlot);
            if (p != null && !tx.pending.containsValue(currentSlot)) {
                try {
                    p.abortTransaction();
                } catch (RuntimeException ignored) {
                    // the next initialisation of the id aborts it
                }
            }
            if (tx.pending.isEmpty()) {
                tx.producers.values().forEach(q -> q.close(Duration.ofSeconds(2)));
                tx.producers.clear();
                tx.free.clear();
            }
        }
    }
}
