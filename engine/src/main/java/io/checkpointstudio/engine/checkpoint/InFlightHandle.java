package io.checkpointstudio.engine.checkpoint;

/** The in-flight records an unaligned checkpoint persisted for one subtask's input channels. */
public record InFlightHandle(String file, long bytes, long crc32, int batches) {
}
