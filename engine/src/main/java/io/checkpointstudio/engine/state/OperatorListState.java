package io.checkpointstudio.engine.state;

import java.util.ArrayList;
import java.util.List;

/**
 * Non-keyed state of one operator subtask (source positions, sink offsets): a list of entries of one type,
 * redistributed over the subtasks when the job is restored at another parallelism (issue #4). Flink's
 * operator list state: {@link Redistribution#ROUND_ROBIN} splits the entries (each goes to exactly one
 * subtask, e.g. one entry per split or partition), {@link Redistribution#UNION} gives every subtask all
 * entries of all old subtasks, and each picks what it now owns (e.g. the offsets of the files assigned to
 * it). The mode is recorded with the entries in the checkpoint, so a restore redistributes them as they
 * were written.
 *
 * <p>An operator creates it in {@code restoreState} with {@link #restore} (or in {@code open} with
 * {@link #empty} on a fresh start), changes it on its own thread and returns {@link #snapshot()} from
 * {@code snapshotState}.
 */
public final class OperatorListState<T> {

    /** How entries are spread over the subtasks of a restore at another parallelism. */
    public enum Redistribution {
        /** Entries are dealt out round-robin: each restored subtask gets a share, every entry goes to one subtask. */
        ROUND_ROBIN,
        /** Every restored subtask gets every entry of every old subtask. */
        UNION
    }

    private final StateSerializer<T> serializer;
    private final Redistribution redistribution;
    private final List<T> entries = new ArrayList<>();
    private final boolean restored;

    private OperatorListState(StateSerializer<T> serializer, Redistribution redistribution, boolean restored) {
        this.serializer = serializer;
        this.redistribution = redistribution;
        this.restored = restored;
    }

    /** A new, empty state (fresh start). */
    public static <T> OperatorListState<T> empty(StateSerializer<T> serializer, Redistribution redistribution) {
        return new OperatorListState<>(serializer, redistribution, false);
    }

    /** The state with the entries {@code restore} assigns this subtask (all entries, for union state). */
    public static <T> OperatorListState<T> restore(StateRestore restore, StateSerializer<T> serializer, Redistribution redistribution) {
        OperatorListState<T> state = new OperatorListState<>(serializer, redistribution, true);
        for (byte[] entry : restore.listState()) {
            ByteReader in = new ByteReader(entry);
            state.entries.add(serializer.read(in));
        }
        return state;
    }

    /** Whether this state came from a checkpoint or savepoint (even when it got no entries). */
    public boolean restored() {
        return restored;
    }

    public Redistribution redistribution() {
        return redistribution;
    }

    /** The entries, in order; a live view that the operator may change. */
    public List<T> entries() {
        return entries;
    }

    /** Replaces every entry. */
    public void update(List<T> newEntries) {
        entries.clear();
        entries.addAll(newEntries);
    }

    public void add(T entry) {
        entries.add(entry);
    }

    /** Captures the entries by value, for {@code snapshotState}. */
    public OperatorSnapshot snapshot() {
        return OperatorSnapshot.ofList(encode(entries), redistribution);
    }

    /** Encodes entries with this state's serializer, for an operator that snapshots other entries than its live list. */
    public List<byte[]> encode(List<T> values) {
        List<byte[]> bytes = new ArrayList<>(values.size());
        ByteWriter out = new ByteWriter(64);
        for (T v : values) {
            out.reset();
            serializer.write(v, out);
            bytes.add(out.toByteArray());
        }
        return bytes;
    }
}
