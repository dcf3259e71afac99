package io.checkpointstudio.engine.operator.source;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.state.OperatorListState;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import io.checkpointstudio.engine.state.RowSerializer;
import io.checkpointstudio.engine.state.StateRestore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranges of sequence numbers one generator subtask emits, and where it is in them. A bounded range
 * {@code [first, first+count)} is cut into one contiguous split per subtask (Flink's NumberSequenceSource);
 * an unbounded one gives subtask s the numbers {@code first+s, first+s+P, ...}. Each split's position is
 * checkpointed as round-robin operator list state, so a restore continues exactly there; after a rescale a subtask may own
 * several splits and works through them in turn.
 */
final class NumberSplits {
    /** One split: next number, end (exclusive), stride. */
    static final RowSerializer SPLIT = RowSerializer.of(
            new Field("next", FieldType.LONG), new Field("end", FieldType.LONG), new Field("stride", FieldType.LONG));

    private final ArrayDeque<long[]> queued = new ArrayDeque<>();
    private OperatorListState<Object[]> state = OperatorListState.empty(SPLIT, OperatorListState.Redistribution.ROUND_ROBIN);
    /** The next number of the current split. */
    long next;
    /** The end (exclusive) of the current split. */
    long end;
    /** The step between numbers of the current split. */
    long stride = 1;

    void restore(StateRestore restore) {
        state = OperatorListState.restore(restore, SPLIT, OperatorListState.Redistribution.ROUND_ROBIN);
        for (Object[] split : state.entries()) {
            queued.add(new long[] {(Long) split[0], (Long) split[1], (Long) split[2]});
        }
    }

    /** Takes this subtask's split of {@code [first, first+count)}, or of an unbounded sequence when count is 0, unless restored. */
    void open(long first, long count, int parallelism, int subtask) {
        if (!state.restored()) {
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
        List<Object[]> splits = new ArrayList<>();
        if (next < end || (queued.isEmpty() && end > 0)) {
            // a finished split stays as its end position, so a checkpoint says how far this source got
            splits.add(new Object[] {next, end, stride});
        }
        for (long[] split : queued) {
            splits.add(new Object[] {split[0], split[1], split[2]});
        }
        state.update(splits);
        return state.snapshot();
    }

    /** The first number of subtask {@code s}'s range, exact for any size. */
    static long rangeStart(long count, int parallelism, int subtask) {
        return count / parallelism * subtask + count % parallelism * subtask / parallelism;
    }
}
