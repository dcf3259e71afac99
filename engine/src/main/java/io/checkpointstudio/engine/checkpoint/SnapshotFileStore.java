package io.checkpointstudio.engine.checkpoint;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the files of one stored checkpoint or savepoint are read from, as the storage holds them: a
 * local folder today ({@link LocalSnapshotFileStore}), an object store later. It is all that
 * {@link SnapshotVerifier} needs, so verifying a snapshot does not depend on local paths.
 */
public interface SnapshotFileStore {

    /** The file's length in bytes, or -1 when there is no such file. */
    long size(SnapshotFile file) throws IOException;

    /** The file's content from its first byte. */
    InputStream open(SnapshotFile file) throws IOException;

    /** Where the file is, for messages: a path or a URI. */
    String locate(SnapshotFile file);

    /** Where the snapshot is, for messages. */
    String location();
}
