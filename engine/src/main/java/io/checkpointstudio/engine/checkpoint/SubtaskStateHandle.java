package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/** All state of one subtask of one task in a checkpoint. */
public record SubtaskStateHandle(int index, List<OperatorStateHandle> operators, InFlightHandle inFlight) {

    public long bytes() {
        long n = inFlight == null ? 0 : inFlight.bytes();
        for (OperatorStateHandle o : operators) {
            n += o.bytes();
        }
        return n;
    }
}
