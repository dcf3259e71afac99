package io.checkpointstudio.engine.operator.source;

import io.checkpointstudio.engine.state.Bytes;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.StateRestore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranges of sequence numbers one generator subtask emits, and where it is in them. A bounded range
 * {@code [first, first+count)} is cut into one contiguous split per subtask (Flink's NumberSequenceSource);
 * an unbounded one gives subtask s the numbers {@code first+s, first+s+P, ...}. Each split's position is
 * checkpointed as list state, so a restore continues exactly there; after a rescale a subtask may own
 * several splits and works through them in turn.
 */
final class NumberSplits {
    private final ArrayDeque<long[]> queued = new ArrayDeque<>();
    private boolean restored;
    /** The next number of the current split. */
    long next;
    /** The end (exclusive) of the current split. */
    long end;
    /** The step between numbers of the current split. */
    long stride = 1;

    void restore(StateRestore restore) {
        restored = true;
        for (byte[] entry : restore.listState()) {
            queued.add(Bytes.toLongs(entry));
        }
    }

    /** Takes this subtask's split of {@code [first, first+count)}, or of an unbounded sequence when count is 0, unless restored. */
    void open(long first, long count, int parallelism, int subtask) {
        if (!restored) {
            if (count > 0) {
                queued.add(new long[] {first + rangeStart(count, parallelism, subtask), first + rangeStart(count, parallelism, subtask + 1), 1});
            } else {
                queued.add(new long[] {first + subtask, Long.MAX_VALUE, parallelism});
            }
        }
        next = end = 0;
    }

    /** Moves to the next split when the current one is done; false when every split is done. */
    boolean hasMore() {
        while (next >= end) {
            long[] split = queued.poll();
            if (split == null) {
                return false;
            }
            next = split[0];
            end = split[1];
            stride = split[2];
        }
        return true;
    }

    /** Numbers left in the current split. */
    long remainingInSplit() {
        // not (end - next + stride - 1) / stride: an unbounded split ends at Long.MAX_VALUE, which that overflows
        return next >= end ? 0 : (end - next - 1) / stride + 1;
    }

    boolean exhausted() {
        return next >= end && queued.isEmpty();
    }

    OperatorSnapshot snapshot() {
        List<byte[]> entries = new ArrayList<>();
        if (next < end || (queued.isEmpty() && end > 0)) {
            // a finished split stays as its end position, so a checkpoint says how far this source got
            entries.add(Bytes.ofLongs(next, end, stride));
        }
        for (long[] split : queued) {
            entries.add(Bytes.ofLongs(split));
        }
        return OperatorSnapshot.ofList(entries);
    }

    /** The first number of subtask {@code s}'s range, exact for any size. */
    static long rangeStart(long count, int parallelism, int subtask) {
        return count / parallelism * subtask + count % parallelism * subtask / parallelism;
    }
}
