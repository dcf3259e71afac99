package io.checkpointstudio.engine.state;

import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The asynchronous part of a native (incremental) keyed-state checkpoint: uploads new files into the job's
 * {@code shared/} folder and private ones into the checkpoint's folder, and says which files it references.
 */
@FunctionalInterface
public interface NativeStateWriter {
    /**
     * @param checkpointDir the checkpoint's folder ({@code chk-<n>})
     * @param sharedDir     the job's {@code shared/} folder
     * @param filePrefix    {@code <operator>-<subtask>}, to start every file name with
     */
    IncrementalStateHandle write(Path checkpointDir, Path sharedDir, String filePrefix) throws IOException;
}
