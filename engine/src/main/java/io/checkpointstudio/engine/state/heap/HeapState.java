package io.checkpointstudio.engine.state.heap;

import io.checkpointstudio.engine.state.StateBlock;
import io.checkpointstudio.engine.state.StateDescriptor;

/** A state of the heap backend, as the backend snapshots and restores it. */
interface HeapState {
    StateDescriptor descriptor();

    /** Synchronous: freezes the current entries. */
    Capture capture();

    /** Adds the entries of a restored block. */
    void restore(StateBlock block);

    /** A frozen state, turned into canonical blocks on the snapshot thread. */
    interface Capture {
        /** The block of key group {@code keyGroup}, or null when the state has no entry there. */
        StateBlock block(int keyGroup);
    }
}
