package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.record.BatchCodec;
import io.checkpointstudio.engine.record.RecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The checkpoint barrier protocol of one subtask with several input channels, as a small state machine:
 *
 * <ul>
 *   <li>IDLE — no checkpoint in progress.</li>
 *   <li>ALIGNING (EXACTLY_ONCE) — a channel that delivered barrier n is blocked until every channel has
 *       delivered it; then the state is captured and the barrier goes on. Records from not-yet-aligned
 *       channels processed meanwhile are counted as processed in-flight data.</li>
 *   <li>TRACKING (AT_LEAST_ONCE) — barriers are only counted, nothing blocks; the snapshot is taken when
 *       the last one arrives, so records after an early barrier are in it (and replayed after a failure).</li>
 *   <li>UNALIGNED — the state was captured at the first barrier (or when the aligned timeout passed). The
 *       records a barrier overtakes (still queued before it in its channel) are copied into the checkpoint
 *       the moment the barrier is taken out of the channel, without waiting for them to be processed; on a
 *       channel whose barrier has not arrived yet, the records processed after the capture are persisted
 *       until it does. The checkpoint is acknowledged once every channel's barrier has arrived.</li>
 * </ul>
 *
 * <p>While the run traces barriers, each step is also published as a barrier trace event (received,
 * channel blocked and released, in-flight data captured per channel, alignment complete); off, that costs
 * one volatile read per barrier.
 */
final class BarrierHandler {
    private enum State { IDLE, ALIGNING, TRACKING, UNALIGNED }

    private final StreamSubtask task;
    private final InputGate gate;
    private final boolean exactlyOnce;
    private final int channels;
    private final boolean[] closed;
    private final boolean[] received;
    /** UNALIGNED: the channel's barrier has not arrived yet, so the records processed from it belong to the checkpoint. */
    private final boolean[] persistUntilBarrier;
    private final List<List<RecordBatch>> persisted = new ArrayList<>();
    /** The estimated bytes in {@link #persisted}, per channel. */
    private final long[] persistedChannelBytes;
    /** ALIGNING: channels held back because their barrier arrived before the others'. */
    private final boolean[] blockedNow;
    private final BarrierTracer.SubtaskTrace trace;
    private State state = State.IDLE;
    private ChannelEvent.Barrier barrier;
    private long lastDone;
    private long firstBarrierNanos;
    private long startDelayMs;
    private long processedBytes;
    private long persistedBytes;
    private CompletableFuture<InFlightData> inFlight;

    BarrierHandler(StreamSubtask task, InputGate gate, boolean exactlyOnce) {
        this.task = task;
        this.gate = gate;
        this.exactlyOnce = exactlyOnce;
        this.channels = gate.channelCount();
        this.closed = new boolean[channels];
        this.received = new boolean[channels];
        this.persistUntilBarrier = new boolean[channels];
        this.persistedChannelBytes = new long[channels];
        this.blockedNow = new boolean[channels];
        this.trace = task.trace;
        for (int i = 0; i < channels; i++) {
            persisted.add(new ArrayList<>());
        }
    }

    /** A barrier taken from a channel in order. */
    void onBarrier(int channel, ChannelEvent.Barrier b) throws Exception {
        if (b.unaligned()) {
            onUnalignedBarrier(channel, b, List.of(), false);
            return;
        }
        if (!begin(b)) {
            if (state == State.UNALIGNED && b.checkpointId() == barrier.checkpointId()) {
                // the aligned barrier of a checkpoint that switched to unaligned: the channel's pre-barrier data ends here
                boolean first = !received[channel];
                received[channel] = true;
                persistUntilBarrier[channel] = false;
                if (first) {
                    traceReceived(channel, false);
                    traceCaptured(channel);
                }
                maybeFinishUnaligned();
            }
            return;
        }
        boolean first = !received[channel];
        received[channel] = true;
        if (first) {
            traceReceived(channel, false);
        }
        if (firstBarrierNanos == 0) {
            firstBarrierNanos = System.nanoTime(); // the checkpoint began with an announcement; alignment starts here
        }
        if (state == State.UNALIGNED) {
            persistUntilBarrier[channel] = false;
            if (first) {
                traceCaptured(channel);
            }
            maybeFinishUnaligned();
            return;
        }
        if (state == State.ALIGNING) {
            gate.setBlocked(channel, true);
            if (!allReceived()) {
                blockedNow[channel] = true;
                if (trace.on()) {
                    trace.blocked(barrier.checkpointId(), channel, receivedCount(), channels);
                }
            }
        }
        if (allReceived()) {
            finishAligned();
        }
    }

    /**
     * A barrier announced ahead of the records queued before it: an unaligned one, which overtakes those
     * records now, or an aligned one of a checkpoint with an aligned-checkpoint timeout. The latter starts
     * the checkpoint here, so that its timeout can pass, and the checkpoint switch to unaligned, while the
     * barriers are still queued behind back-pressured data (Flink announces such barriers the same way).
     */
    void onPriorityBarrier(int channel, ChannelEvent.Barrier b) throws Exception {
        boolean overtakes = b.unaligned() || state == State.UNALIGNED && b.checkpointId() == barrier.checkpointId();
        if (!overtakes) {
            // Only an idle subtask starts a checkpoint on an announcement: one in progress (with several
            // concurrent checkpoints) is not given up for a newer one whose barriers have not arrived.
            if (state == State.IDLE && begin(b)) {
                firstBarrierNanos = 0; // alignment starts with the first barrier taken in order
            }
            if (state == State.ALIGNING && barrier.checkpointId() == b.checkpointId()) {
                checkTimeout(System.currentTimeMillis());
            }
            return;
        }
        List<Object> overtaken = gate.extractBarrier(channel, b.checkpointId());
        if (overtaken == null) {
            return; // already taken in order
        }
        onUnalignedBarrier(channel, b, overtaken, true);
    }

    private void onUnalignedBarrier(int channel, ChannelEvent.Barrier b, List<Object> overtaken, boolean overtaking) throws Exception {
        boolean isNew = begin(b);
        if (!isNew && (barrier == null || b.checkpointId() != barrier.checkpointId() || state == State.IDLE)) {
            return;
        }
        if (!received[channel]) {
            traceReceived(channel, overtaking); // before the state capture it starts
        }
        if (state != State.UNALIGNED) {
            switchToUnaligned();
        }
        if (!received[channel]) {
            received[channel] = true;
            persistUntilBarrier[channel] = false;
            persistOvertaken(channel, overtaken);
            traceCaptured(channel);
        }
        maybeFinishUnaligned();
    }

    /** Starts tracking {@code b} if it is newer than anything seen; returns whether this barrier belongs to the current checkpoint. */
    private boolean begin(ChannelEvent.Barrier b) {
        long id = b.checkpointId();
        if (id <= lastDone) {
            return false;
        }
        if (state != State.IDLE && id == barrier.checkpointId()) {
            return true;
        }
        if (state != State.IDLE && id < barrier.checkpointId()) {
            return false;
        }
        if (state != State.IDLE) {
            reset(); // a newer checkpoint overtook an unfinished one, which the coordinator will expire
        }
        barrier = b;
        state = exactlyOnce ? State.ALIGNING : State.TRACKING;
        firstBarrierNanos = System.nanoTime();
        startDelayMs = Math.max(0, System.currentTimeMillis() - b.timestamp());
        processedBytes = 0;
        persistedBytes = 0;
        for (int i = 0; i < channels; i++) {
            received[i] = closed[i];
            persistUntilBarrier[i] = false;
            persisted.get(i).clear();
            persistedChannelBytes[i] = 0;
        }
        return true;
    }

    /** Called for every element taken from a channel, before it is processed. */
    void beforeElement(int channel, Object element) {
        if (state == State.IDLE) {
            return;
        }
        if (!(element instanceof RecordBatch batch)) {
            return;
        }
        if (state == State.UNALIGNED) {
            if (persistUntilBarrier[channel]) {
                persist(channel, batch);
            }
        } else if (firstBarrierNanos != 0) {
            processedBytes += BatchCodec.estimateBytes(batch);
        }
    }

    /** A channel ended; it no longer holds up alignment. */
    void onChannelClosed(int channel) throws Exception {
        closed[channel] = true;
        if (state == State.IDLE) {
            return;
        }
        received[channel] = true;
        persistUntilBarrier[channel] = false;
        if (state == State.UNALIGNED) {
            maybeFinishUnaligned();
        } else if (allReceived()) {
            finishAligned();
        }
    }

    /** Switches an aligned checkpoint to unaligned once it is older than its aligned-checkpoint-timeout. */
    void checkTimeout(long nowMillis) throws Exception {
        if (state == State.ALIGNING && barrier.alignedTimeoutMs() > 0 && nowMillis - barrier.timestamp() >= barrier.alignedTimeoutMs()) {
            switchToUnaligned();
            maybeFinishUnaligned();
        }
    }

    /** The coordinator gave up on a checkpoint: stop aligning for it. */
    void abort(long checkpointId) {
        if (state != State.IDLE && barrier.checkpointId() == checkpointId) {
            if (inFlight != null) {
                inFlight.cancel(false);
            }
            reset();
            lastDone = Math.max(lastDone, checkpointId);
        }
    }

    /**
     * The subtask stops (finished, failed or cancelled): a checkpoint whose in-flight data is still being
     * collected can no longer complete, so its snapshot writer is told (and declines it).
     */
    void abandon() {
        if (inFlight != null) {
            inFlight.cancel(false);
        }
    }

    boolean isAligning() {
        return state == State.ALIGNING;
    }

    private void switchToUnaligned() throws Exception {
        boolean wasAligning = state == State.ALIGNING;
        state = State.UNALIGNED;
        long alignmentNanos = firstBarrierNanos == 0 ? 0 : System.nanoTime() - firstBarrierNanos;
        long alignmentMs = alignmentNanos / 1_000_000L;
        boolean traced = trace.on();
        if (traced && wasAligning && !barrier.unaligned()) {
            trace.switchedToUnaligned(barrier.checkpointId(), alignmentNanos / 1000L); // the aligned-checkpoint-timeout passed
        }
        for (int ch = 0; ch < channels; ch++) {
            if (received[ch]) {
                persistUntilBarrier[ch] = false; // data behind a received barrier belongs to the next checkpoint
                if (wasAligning && !closed[ch]) {
                    gate.setBlocked(ch, false);
                }
                if (blockedNow[ch]) {
                    blockedNow[ch] = false;
                    if (traced) {
                        trace.released(barrier.checkpointId(), ch);
                    }
                }
            } else {
                List<Object> before = gate.extractBarrier(ch, barrier.checkpointId());
                if (before != null) {
                    traceReceived(ch, true);
                    received[ch] = true;
                    persistUntilBarrier[ch] = false;
                    persistOvertaken(ch, before);
                    traceCaptured(ch);
                } else {
                    persistUntilBarrier[ch] = true; // until its barrier arrives
                }
            }
        }
        inFlight = new CompletableFuture<>();
        task.checkpoint(barrier, startDelayMs, alignmentMs, processedBytes, true, inFlight);
    }

    /**
     * Copies the records a barrier overtook into the checkpoint now: they are still queued and will be
     * processed after the state capture, so they belong to the checkpoint's in-flight data. The operators
     * may change a batch in place when they process it, hence the copies.
     */
    private void persistOvertaken(int channel, List<Object> overtaken) {
        for (Object element : overtaken) {
            if (element instanceof RecordBatch batch) {
                persist(channel, batch);
            }
        }
    }

    private void persist(int channel, RecordBatch batch) {
        persisted.get(channel).add(batch.copy());
        long bytes = BatchCodec.estimateBytes(batch);
        persistedBytes += bytes;
        persistedChannelBytes[channel] += bytes;
    }

    private void maybeFinishUnaligned() {
        if (state != State.UNALIGNED || !allReceived()) {
            return;
        }
        List<List<RecordBatch>> data = new ArrayList<>();
        for (List<RecordBatch> p : persisted) {
            data.add(List.copyOf(p));
        }
        if (trace.on()) {
            trace.aligned(barrier.checkpointId(), channels, firstBarrierNanos == 0 ? 0 : (System.nanoTime() - firstBarrierNanos) / 1000L, true);
        }
        inFlight.complete(new InFlightData(data, persistedBytes));
        lastDone = barrier.checkpointId();
        reset();
    }

    private void finishAligned() throws Exception {
        long alignmentNanos = firstBarrierNanos == 0 ? 0 : System.nanoTime() - firstBarrierNanos;
        long alignmentMs = alignmentNanos / 1_000_000L;
        ChannelEvent.Barrier b = barrier;
        long processed = processedBytes;
        long startDelay = startDelayMs;
        lastDone = b.checkpointId();
        reset();
        if (trace.on()) {
            trace.aligned(b.checkpointId(), channels, alignmentNanos / 1000L, false);
        }
        task.checkpoint(b, startDelay, alignmentMs, processed, false, null);
    }

    private void reset() {
        if (state == State.ALIGNING) {
            boolean traced = trace.on();
            for (int ch = 0; ch < channels; ch++) {
                gate.setBlocked(ch, false);
                if (blockedNow[ch]) {
                    blockedNow[ch] = false;
                    if (traced) {
                        trace.released(barrier.checkpointId(), ch);
                    }
                }
            }
        }
        state = State.IDLE;
        inFlight = null;
        for (List<RecordBatch> p : persisted) {
            p.clear();
        }
    }

    private void traceReceived(int channel, boolean overtaking) {
        if (trace.on()) {
            trace.received(barrier.checkpointId(), channel, overtaking);
        }
    }

    /** Traces the in-flight data an unaligned checkpoint holds for a channel whose barrier has just arrived. */
    private void traceCaptured(int channel) {
        if (trace.on() && !persisted.get(channel).isEmpty()) {
            trace.inFlight(barrier.checkpointId(), channel, persisted.get(channel).size(), persistedChannelBytes[channel]);
        }
    }

    private int receivedCount() {
        int n = 0;
        for (int i = 0; i < channels; i++) {
            if (received[i] || closed[i]) {
                n++;
            }
        }
        return n;
    }

    private boolean allReceived() {
        for (int i = 0; i < channels; i++) {
            if (!received[i] && !closed[i]) {
                return false;
            }
        }
        return true;
    }
}
