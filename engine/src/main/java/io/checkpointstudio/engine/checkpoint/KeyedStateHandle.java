package io.checkpointstudio.engine.checkpoint;

/**
 * Where one subtask's keyed state of one operator is stored: a file of key-group sections.
 *
 * @param offsets for each key group from {@code firstKeyGroup} to {@code lastKeyGroup}, where its section
 *                starts in the file, or -1 when the group has no entries
 */
public record KeyedStateHandle(String file, int firstKeyGroup, int lastKeyGroup, long[] offsets, long bytes, long crc32) {
}
