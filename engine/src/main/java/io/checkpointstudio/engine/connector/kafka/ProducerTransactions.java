package io.checkpointstudio.engine.connector.kafka;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.ProducerIdAndEpoch;

/**
 * The producer id and epoch of a transactional producer's open transaction, and resuming such a
 * transaction in a new producer so that it can be committed after a crash — what Flink's
 * {@code FlinkKafkaInternalProducer.resumeTransaction} does, through the same internal fields of
 * kafka-clients 3.x (there is no public API for it).
 */
final class ProducerTransactions {
    private ProducerTransactions() {
    }

    /** {producerId, epoch} of the producer's current transaction. */
    static long[] idAndEpoch(KafkaProducer<?, ?> producer) {
        try {
            Object tm = field(producer, "transactionManager");
            ProducerIdAndEpoch pe = (ProducerIdAndEpoch) field(tm, "producerIdAndEpoch");
            return new long[] {pe.producerId, pe.epoch};
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /**
     * Makes {@code producer} (created with the same transactional id, never initialised) continue the
     * transaction {@code producerId}/{@code epoch}, so that {@code commitTransaction()} commits it.
     */
    static void resume(KafkaProducer<?, ?> producer, long producerId, short epoch) throws ReflectiveOperationException {
        Object tm = field(producer, "transactionManager");
        synchronized (tm) {
            Object partitions = field(tm, "txnPartitionMap");
            Class<?> stateClass = Class.forName("org.apache.kafka.clients.producer.internals.TransactionManager$State");
            Method transitionTo = tm.getClass().getDeclaredMethod("transitionTo", stateClass);
            transitionTo.setAccessible(true);
            transitionTo.invoke(tm, state(stateClass, "INITIALIZING"));
            Method reset = partitions.getClass().getDeclaredMethod("reset");
            reset.setAccessible(true);
            reset.invoke(partitions);
            setField(tm, "producerIdAndEpoch", new ProducerIdAndEpoch(producerId, epoch));
            transitionTo.invoke(tm, state(stateClass, "READY"));
            transitionTo.invoke(tm, state(stateClass, "IN_TRANSACTION"));
            setField(tm, "transactionStarted", true);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object state(Class<?> stateClass, String name) {
        return Enum.valueOf((Class) stateClass, name);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    private static void setField(Object target, String name, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
    }
}
