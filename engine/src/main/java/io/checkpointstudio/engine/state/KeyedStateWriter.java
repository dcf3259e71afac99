package io.checkpointstudio.engine.state;

import java.io.IOException;

/**
 * The asynchronous part of a keyed-state snapshot: writes the state captured in the synchronous part.
 * Runs on a snapshot thread while the subtask keeps processing, so it must only read the captured copy.
 */
@FunctionalInterface
public interface KeyedStateWriter {
    void write(KeyGroupWriter out) throws IOException;
}
