package io.checkpointstudio.engine.state;

import java.io.DataInputStream;
import java.io.IOException;

/** Receives the key-group sections of restored keyed state that belong to the restoring subtask. */
@FunctionalInterface
public interface KeyGroupReader {
    void read(int keyGroup, DataInputStream in) throws IOException;
}
