package io.checkpointstudio.engine.checkpoint;

import io.checkpointstudio.engine.runtime.KeyGroups;
import io.checkpointstudio.engine.state.KeyGroupReader;
import io.checkpointstudio.engine.state.StateRestore;
import io.checkpointstudio.engine.state.rocksdb.NativeFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A completed checkpoint or savepoint opened for restoring: hands each operator subtask the state it owns
 * at the new parallelism. Operators are matched by id. Keyed state goes by key group (a subtask reads the
 * sections of its key-group range from every old file that overlaps it); list entries are spread
 * round-robin when the parallelism changed, or all given to every subtask for union list state.
 */
public final class SnapshotRestore {
    private final Path dir;
    private final CheckpointMetadata metadata;
    private final Map<String, List<OperatorStateHandle>> byOperator = new HashMap<>();
    private final Map<String, TaskStateHandle> taskByHead = new HashMap<>();

    private SnapshotRestore(Path dir, CheckpointMetadata metadata) {
        this.dir = dir;
        this.metadata = metadata;
        for (TaskStateHandle t : metadata.tasks()) {
            taskByHead.put(t.operatorIds().get(0), t);
            for (int op = 0; op < t.operatorIds().size(); op++) {
                List<OperatorStateHandle> perSubtask = new ArrayList<>();
                for (SubtaskStateHandle s : t.subtasks()) {
                    String id = t.operatorIds().get(op);
                    perSubtask.add(s.operators().stream().filter(o -> o.operatorId().equals(id)).findFirst()
                            .orElse(new OperatorStateHandle(id, List.of(), null)));
                }
                byOperator.put(t.operatorIds().get(op), perSubtask);
            }
        }
    }

    /**
     * Opens a checkpoint or savepoint folder: verifies its metadata, then every file it names (length and
     * checksum), so a restore never starts on damaged files; a bad file is a {@link DamagedSnapshotException}
     * naming it.
     */
    public static SnapshotRestore open(Path dir) throws IOException {
        return open(dir, new SnapshotVerifier());
    }

    /** As {@link #open(Path)}, with a verifier that may already have checked some of the job's shared files. */
    public static SnapshotRestore open(Path dir, SnapshotVerifier verifier) throws IOException {
        CheckpointMetadata metadata = CheckpointStorage.readMetadata(dir);
        verifier.verify(metadata, new LocalSnapshotFileStore(dir));
        return new SnapshotRestore(dir, metadata);
    }

    public CheckpointMetadata metadata() {
        return metadata;
    }

    public Path dir() {
        return dir;
    }

    public boolean hasOperator(String operatorId) {
        return byOperator.containsKey(operatorId);
    }

    /** Operators with state in the snapshot. */
    public java.util.Set<String> operatorIds() {
        return byOperator.keySet();
    }

    /** The state of operator {@code operatorId} for subtask {@code subtask} of {@code parallelism}, or null if it has none. */
    public StateRestore forSubtask(String operatorId, int subtask, int parallelism, int maxParallelism) throws IOException {
        List<OperatorStateHandle> old = byOperator.get(operatorId);
        if (old == null) {
            return null;
        }
        if (maxParallelism != metadata.maxParallelism()) {
            throw new IOException("the snapshot was taken with pipeline.max-parallelism " + metadata.maxParallelism()
                    + " but the job now has " + maxParallelism + "; keyed state cannot change its number of key groups");
        }
        List<byte[]> entries = new ArrayList<>();
        if (old.stream().anyMatch(OperatorStateHandle::unionListState)) {
            for (OperatorStateHandle h : old) {
                entries.addAll(h.listState()); // union: every subtask sees every entry and picks its own
            }
        } else if (old.size() == parallelism) {
            entries.addAll(old.get(subtask).listState());
        } else {
            int i = 0;
            for (OperatorStateHandle h : old) {
                for (byte[] e : h.listState()) {
                    if (i++ % parallelism == subtask) {
                        entries.add(e);
                    }
                }
            }
        }
        int first = KeyGroups.firstKeyGroup(maxParallelism, parallelism, subtask);
        int last = KeyGroups.lastKeyGroup(maxParallelism, parallelism, subtask);
        long id = metadata.checkpointId();
        return new StateRestore() {
            @Override
            public List<byte[]> listState() {
                return entries;
            }

            @Override
            public void readKeyGroups(KeyGroupReader reader) throws IOException {
                for (OperatorStateHandle h : old) {
                    KeyedStateHandle k = h.keyed();
                    if (k != null && k.lastKeyGroup() >= first && k.firstKeyGroup() <= last) {
                        readFile(k, Math.max(first, k.firstKeyGroup()), Math.min(last, k.lastKeyGroup()), reader);
                    }
                    IncrementalStateHandle n = h.incremental();
                    if (n != null && n.lastKeyGroup() >= first && n.firstKeyGroup() <= last) {
                        NativeFiles.readKeyGroups(dir, n, Math.max(first, n.firstKeyGroup()), Math.min(last, n.lastKeyGroup()), reader);
                    }
                }
            }

            @Override
            public NativeState nativeState() {
                NativeState found = null;
                for (OperatorStateHandle h : old) {
                    KeyedStateHandle k = h.keyed();
                    IncrementalStateHandle n = h.incremental();
                    if (k != null && k.lastKeyGroup() >= first && k.firstKeyGroup() <= last) {
                        return null;
                    }
                    if (n != null && n.lastKeyGroup() >= first && n.firstKeyGroup() <= last) {
                        if (found != null || n.firstKeyGroup() != first || n.lastKeyGroup() != last) {
                            return null;
                        }
                        found = new NativeState(dir, n);
                    }
                }
                return found;
            }

            @Override
            public long checkpointId() {
                return id;
            }
        };
    }

    /** Reads key groups of a keyed state file; its checksum was verified when the snapshot was opened. */
    private void readFile(KeyedStateHandle k, int from, int to, KeyGroupReader reader) throws IOException {
        Path file = dir.resolve(k.file());
        long size = Files.isRegularFile(file) ? Files.size(file) : -1;
        if (size != k.bytes()) {
            throw new DamagedSnapshotException(dir.toString(), List.of(new DamagedSnapshotException.Damage(file.toString(),
                    size < 0 ? "is missing" : "has " + size + " bytes but the checkpoint recorded " + k.bytes() + ": it is truncated or damaged")));
        }
        try (InputStream raw = Files.newInputStream(file)) {
            CountingInput counting = new CountingInput(new BufferedInputStream(raw, 1 << 16));
            DataInputStream in = new DataInputStream(counting);
            for (int g = from; g <= to; g++) {
                long offset = k.offsets()[g - k.firstKeyGroup()];
                if (offset < 0) {
                    continue;
                }
                counting.skipTo(offset);
                reader.read(g, in);
            }
        }
    }

    /** The persisted in-flight data of a task's subtask (unaligned checkpoints), or null. */
    public InFlightHandle inFlight(String headOperatorId, int subtask, int parallelism) throws IOException {
        TaskStateHandle t = taskByHead.get(headOperatorId);
        if (t == null) {
            return null;
        }
        boolean any = t.subtasks().stream().anyMatch(s -> s.inFlight() != null);
        if (!any) {
            return null;
        }
        if (t.parallelism() != parallelism) {
            throw new IOException("task '" + t.name() + "' has in-flight data from an unaligned checkpoint at parallelism "
                    + t.parallelism() + "; restore it at that parallelism (or from an aligned checkpoint or savepoint)");
        }
        return t.subtasks().get(subtask).inFlight();
    }

    /** Reads a position forward from an input stream. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private long position;

        CountingInput(InputStream in) {
            super(in);
        }

        void skipTo(long offset) throws IOException {
            if (offset < position) {
                throw new IOException("key-group sections out of order");
            }
            long toSkip = offset - position;
            while (toSkip > 0) {
                long n = in.skip(toSkip);
                if (n <= 0) {
                    throw new IOException("state file ends early");
                }
                toSkip -= n;
                position += n;
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
