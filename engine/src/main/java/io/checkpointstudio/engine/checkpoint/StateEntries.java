package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.state.ByteReader;
import io.checkpointstudio.engine.state.StateBlock;
import io.checkpointstudio.engine.state.StateDescriptor;
import io.checkpointstudio.engine.state.StateSerializer;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the keyed state of an operator back as text (key to value), for {@code inspect} and the state
 * inspector. Needs no knowledge of the operator: every state block names its state and type signature.
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
        for (int s = 0; s < task.parallelism(); s++) {
            var restore = snapshot.forSubtask(operatorId, s, task.parallelism(), md.maxParallelism());
            if (restore == null) {
                continue;
            }
            restore.readKeyGroups((keyGroup, in) -> decodeSection(in, entries));
        }
        return entries;
    }

    /**
     * Decodes one canonical section with the serializers its blocks name. Keys of value, reducing and list
     * state print as the key; map entries as {@code "key @ state=userKey"} (a window: {@code "7 @ windows=60000"}).
     */
    @SuppressWarnings("unchecked")
    private static void decodeSection(DataInputStream in, Map<String, String> out) throws IOException {
        for (StateBlock block : StateBlock.readSection(in)) {
            StateDescriptor d = StateDescriptor.parse(block.name(), block.signature());
            StateSerializer<Object> key = (StateSerializer<Object>) d.key();
            StateSerializer<Object> userKey = (StateSerializer<Object>) d.userKey();
            StateSerializer<Object> value = (StateSerializer<Object>) d.value();
            ByteReader r = new ByteReader(block.bytes(), 0, block.length());
            for (int i = 0; i < block.entries(); i++) {
                String k = key.toText(key.read(r));
                switch (d.kind()) {
                    case VALUE, REDUCING -> out.put(k, value.toText(value.read(r)));
                    case MAP -> {
                        String uk = userKey.toText(userKey.read(r));
                        out.put(k + " @ " + d.name() + "=" + uk, value.toText(value.read(r)));
                    }
                    case LIST -> {
                        int n = r.readInt();
                        StringBuilder b = new StringBuilder("[");
                        for (int j = 0; j < n; j++) {
                            b.append(j == 0 ? "" : ", ").append(value.toText(value.read(r)));
                        }
                        out.put(k, b.append(']').toString());
                    }
                }
            }
        }
    }

    /** Convenience for one folder. */
    public static Map<String, String> read(Path snapshotDir, String operatorId) throws IOException {
        return read(SnapshotRestore.open(snapshotDir), operatorId);
    }
}
