package io.checkpointstudio.engine.runtime;

/** One channel of one downstream subtask's input gate. */
record ChannelTarget(InputGate gate, int channel) {
    long put(Object element, TaskMetrics metrics) {
        return gate.put(channel, element, metrics);
    }

    void putOvertaking(Object element) {
        gate.putOvertaking(channel, element);
    }
}
