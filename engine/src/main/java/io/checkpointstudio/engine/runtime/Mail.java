package io.checkpointstudio.engine.runtime;

/** Work other threads hand to a subtask's thread; the subtask runs it between two batches. */
sealed interface Mail {
    /** Sources only: snapshot now and emit this barrier. */
    record Trigger(ChannelEvent.Barrier barrier) implements Mail {
    }

    /** Sources only: take this savepoint and stop; with {@code drain} end the input first. */
    record Stop(ChannelEvent.Barrier barrier, boolean drain) implements Mail {
    }

    record Complete(long checkpointId) implements Mail {
    }

    record Abort(long checkpointId) implements Mail {
    }
}
