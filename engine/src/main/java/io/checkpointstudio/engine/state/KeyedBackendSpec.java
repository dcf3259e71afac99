package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.config.StateBackendType;
import java.nio.file.Path;

/**
 * Which state backend a keyed operator subtask keeps its state in, and where.
 *
 * @param type             {@code hashmap} (heap) or {@code rocksdb} (local disk)
 * @param incremental      whether checkpoints (never savepoints) may be incremental (RocksDB only)
 * @param workingDir       the subtask's local RocksDB folder, deleted on close (unused for the heap)
 * @param checkpointJobDir the job's checkpoint folder ({@code <checkpoints.dir>/<job>}): shared files of an
 *                         incremental checkpoint restored from this folder are reused, not uploaded again
 */
public record KeyedBackendSpec(StateBackendType type, boolean incremental, Path workingDir, int firstKeyGroup, int lastKeyGroup,
                               int maxParallelism, Path checkpointJobDir) {

    /** The heap backend (no folder). */
    public static KeyedBackendSpec heap(int firstKeyGroup, int lastKeyGroup, int maxParallelism) {
        return new KeyedBackendSpec(StateBackendType.HASHMAP, false, null, firstKeyGroup, lastKeyGroup, maxParallelism, null);
    }

    public boolean rocksdb() {
        return type == StateBackendType.ROCKSDB;
    }
}
