package io.checkpointstudio.engine.state;

import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Where an operator writes its keyed state during the asynchronous part of a snapshot: one section per
 * key group, in increasing key-group order. The engine records where each section starts, so a restore
 * at another parallelism can read just the key groups a subtask owns.
 */
public interface KeyGroupWriter {
    /** Starts the section of {@code keyGroup} and returns the stream to write its entries to. */
    DataOutputStream beginKeyGroup(int keyGroup) throws IOException;
}
