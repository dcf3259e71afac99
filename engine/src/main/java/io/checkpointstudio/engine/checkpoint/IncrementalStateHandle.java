package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/**
 * One operator subtask's keyed state in a native, incremental RocksDB checkpoint: the SST files it consists
 * of, uploaded once into {@code <job>/shared/} and referenced by every later checkpoint that still needs
 * them, and its private files (MANIFEST, CURRENT, OPTIONS) in the checkpoint's own folder.
 *
 * @param checkpointedBytes what this checkpoint wrote (new shared files plus the private files)
 */
public record IncrementalStateHandle(int firstKeyGroup, int lastKeyGroup, List<SharedFile> sharedFiles, List<PrivateFile> privateFiles,
                                     long checkpointedBytes) {

    /**
     * @param file      name inside {@code <job>/shared/}
     * @param localName the file's name in the RocksDB folder
     * @param crc32     the CRC-32 of the uploaded file; null in metadata written before it was recorded
     */
    public record SharedFile(String file, String localName, long bytes, Long crc32) {
    }

    /**
     * @param file      name inside the checkpoint's folder
     * @param localName the file's name in the RocksDB folder
     * @param crc32     the CRC-32 of the copied file; null in metadata written before it was recorded
     */
    public record PrivateFile(String file, String localName, long bytes, Long crc32) {
    }

    /** Full size: every byte this state references. */
    public long bytes() {
        long n = 0;
        for (SharedFile f : sharedFiles) {
            n += f.bytes();
        }
        for (PrivateFile f : privateFiles) {
            n += f.bytes();
        }
        return n;
    }
}
