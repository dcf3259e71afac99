package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.state.Values;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the keyed state of the built-in operators back as text (key to value), for {@code inspect} and
 * the state inspector: running aggregates (primitive long-keyed or general) and window accumulators.
 */
public final class StateEntries {
    private StateEntries() {
    }

    /** Every key of one operator in a snapshot, with its value as text; keys of windows are "key @ [start, end)". */
    public static Map<String, String> read(SnapshotRestore snapshot, String operatorId) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        CheckpointMetadata md = snapshot.metadata();
        TaskStateHandle task = md.tasks().stream().filter(t -> t.operatorIds().contains(operatorId)).findFirst()
                .orElseThrow(() -> new IOException("the snapshot has no operator '" + operatorId + "'"));
        String type = task.typeOf(operatorId);
        String signature = task.signatureOf(operatorId);
        for (int s = 0; s < task.parallelism(); s++) {
            var restore = snapshot.forSubtask(operatorId, s, task.parallelism(), md.maxParallelism());
            if (restore == null) {
                continue;
            }
            restore.readKeyGroups((keyGroup, in) -> decodeSection(type, signature, in, entries));
        }
        return entries;
    }

    private static void decodeSection(String type, String signature, DataInputStream in, Map<String, String> out) throws IOException {
        int n = in.readInt();
        boolean window = "window".equals(type);
        boolean primitive = !window && "long".equals(StateSignatures.keyType(signature))
                && signature != null && (signature.endsWith(": long") || signature.endsWith(": double"));
        boolean doubleValue = signature != null && signature.endsWith(": double");
        for (int i = 0; i < n; i++) {
            if (window) {
                long end = in.readLong();
                Object key = Values.read(in);
                long count = in.readLong();
                long longSum = in.readLong();
                long longMin = in.readLong();
                long longMax = in.readLong();
                double doubleSum = in.readDouble();
                in.readDouble();
                in.readDouble();
                out.put(key + " @ window ending " + end, "count=" + count + ", sum=" + (longSum != 0 ? longSum : format(doubleSum))
                        + (count > 0 && longMin != Long.MAX_VALUE ? ", min=" + longMin + ", max=" + longMax : ""));
            } else if (primitive) {
                long key = in.readLong();
                long value = in.readLong();
                out.put(Long.toString(key), doubleValue ? format(Double.longBitsToDouble(value)) : Long.toString(value));
            } else {
                out.put(String.valueOf(Values.read(in)), String.valueOf(Values.read(in)));
            }
        }
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }

    /** Convenience for one folder. */
    public static Map<String, String> read(Path snapshotDir, String operatorId) throws IOException {
        return read(SnapshotRestore.open(snapshotDir), operatorId);
    }
}
