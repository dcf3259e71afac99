package io.checkpointstudio.app.slowmotion;

import io.checkpointstudio.engine.monitor.EngineEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The clock of the barrier slow motion: plays the engine's barrier trace in its recorded order and with its
 * relative timing, stretched ({@link #stretch()} animation nanoseconds per engine nanosecond, e.g. 100: one
 * engine millisecond lasts 100 ms on screen). A pause longer than {@link #maxGapNanos()} between two events
 * (the quiet time between checkpoints) is shortened to it.
 *
 * <p>It never lags far behind: when the events waiting would take longer than {@code maxLagNanos} to play,
 * or more than {@code maxPending} wait, whole checkpoints are skipped: every checkpoint but the one playing
 * now (the oldest waiting), and that one too if it alone is over the bound. A skipped checkpoint stays
 * skipped (its later events are dropped as they come), so no checkpoint is ever shown in part; the next
 * one to arrive while there is room plays, which is the newest. Pure bookkeeping, no JavaFX: {@code now}
 * is passed in.
 */
public final class BarrierPlayback {
    /** An event with the animation time it plays at. */
    public record Scheduled(EngineEvent event, long dueNanos) {
    }

    private final ArrayDeque<Scheduled> pending = new ArrayDeque<>();
    private final TreeSet<Long> skipped = new TreeSet<>();
    private final int maxPending;
    private final long maxLagNanos;
    private double stretch;
    private long maxGapNanos;
    private long lastEngineNanos = Long.MIN_VALUE;
    private long lastDue = Long.MIN_VALUE;
    /** Engine nanoTime minus wall-clock nanos of the newest trace event, to place the coordinator's events (which have only {@code at}). */
    private long clockOffset;
    private boolean clockKnown;
    private long dropped;

    public BarrierPlayback(double stretch, long maxGapNanos, long maxLagNanos, int maxPending) {
        this.stretch = stretch;
        this.maxGapNanos = maxGapNanos;
        this.maxLagNanos = maxLagNanos;
        this.maxPending = maxPending;
    }

    /** Animation nanoseconds per engine nanosecond (applies to events offered from now on). */
    public void setStretch(double stretch) {
        this.stretch = Math.max(1, stretch);
    }

    public double stretch() {
        return stretch;
    }

    public void setMaxGapNanos(long maxGapNanos) {
        this.maxGapNanos = maxGapNanos;
    }

    public long maxGapNanos() {
        return maxGapNanos;
    }

    /** Schedules an event, arriving at animation time {@code now}, after those already offered. */
    public void offer(EngineEvent event, long now) {
        long checkpoint = checkpointOf(event);
        if (checkpoint >= 0 && skipped.contains(checkpoint)) {
            dropped++;
            return;
        }
        long engine = engineNanos(event);
        long gap = lastEngineNanos == Long.MIN_VALUE ? 0 : Math.max(0, engine - lastEngineNanos);
        lastEngineNanos = Math.max(lastEngineNanos, engine);
        long stretched = (long) Math.min((double) maxGapNanos, gap * stretch);
        long due = lastDue == Long.MIN_VALUE ? now : Math.max(lastDue + stretched, now);
        lastDue = due;
        pending.addLast(new Scheduled(event, due));
        bound(now);
    }

    private long engineNanos(EngineEvent e) {
        if (e instanceof EngineEvent.BarrierTrace t) {
            clockOffset = t.nanos() - t.at() * 1_000_000L;
            clockKnown = true;
            return t.nanos();
        }
        // the coordinator's events carry milliseconds only: place them on the trace's clock, never before what was played
        long estimate = clockKnown ? e.at() * 1_000_000L + clockOffset : lastEngineNanos;
        return lastEngineNanos == Long.MIN_VALUE ? estimate : Math.max(estimate, lastEngineNanos);
    }

    private void bound(long now) {
        if (withinBounds(now)) {
            return;
        }
        long playing = checkpointOf(pending.peekFirst().event());
        Set<Long> waiting = new TreeSet<>();
        for (Scheduled s : pending) {
            long cp = checkpointOf(s.event());
            if (cp >= 0 && cp != playing) {
                waiting.add(cp);
            }
        }
        skip(waiting);
        if (!withinBounds(now) && playing >= 0) {
            skip(Set.of(playing));
        }
        while (pending.size() > maxPending) {
            pending.removeFirst(); // events of no checkpoint only
            dropped++;
        }
        lastDue = pending.isEmpty() ? now : pending.peekLast().dueNanos();
        while (skipped.size() > 1000) {
            skipped.pollFirst();
        }
    }

    private boolean withinBounds(long now) {
        return pending.size() <= maxPending && (pending.isEmpty() || pending.peekLast().dueNanos() - now <= maxLagNanos);
    }

    private void skip(Set<Long> checkpoints) {
        if (checkpoints.isEmpty()) {
            return;
        }
        skipped.addAll(checkpoints);
        int before = pending.size();
        pending.removeIf(s -> checkpoints.contains(checkpointOf(s.event())));
        dropped += before - pending.size();
        // what is left keeps its times; the next event goes after the last of it
        lastDue = pending.isEmpty() ? Long.MIN_VALUE : pending.peekLast().dueNanos();
    }

    /** Checkpoints skipped to keep up (the most recent thousand). */
    public SortedSet<Long> skippedCheckpoints() {
        return Collections.unmodifiableSortedSet(skipped);
    }

    static long checkpointOf(EngineEvent e) {
        if (e instanceof EngineEvent.BarrierTrace t) {
            return t.checkpointId();
        }
        if (e instanceof EngineEvent.CheckpointTriggered t) {
            return t.checkpointId();
        }
        if (e instanceof EngineEvent.CheckpointAcknowledged a) {
            return a.checkpointId();
        }
        if (e instanceof EngineEvent.CheckpointCompleted c) {
            return c.checkpointId();
        }
        if (e instanceof EngineEvent.CheckpointFailed f) {
            return f.checkpointId();
        }
        return -1;
    }

    /** The events due at animation time {@code now}, in order; they leave the queue. */
    public List<Scheduled> due(long now) {
        List<Scheduled> out = new ArrayList<>();
        while (!pending.isEmpty() && pending.peekFirst().dueNanos() <= now) {
            out.add(pending.removeFirst());
        }
        return out;
    }

    /** When the first waiting event that matches will play, if one is waiting (e.g. where a travelling barrier arrives). */
    public OptionalLong dueOf(Predicate<EngineEvent> match) {
        for (Iterator<Scheduled> it = pending.iterator(); it.hasNext(); ) {
            Scheduled s = it.next();
            if (match.test(s.event())) {
                return OptionalLong.of(s.dueNanos());
            }
        }
        return OptionalLong.empty();
    }

    /** How long until the last waiting event plays (0 when none waits). */
    public long lagNanos(long now) {
        return pending.isEmpty() ? 0 : Math.max(0, pending.peekLast().dueNanos() - now);
    }

    public int pending() {
        return pending.size();
    }

    /** Events skipped so that playback stays close to the engine. */
    public long dropped() {
        return dropped;
    }

    public void clear() {
        pending.clear();
        skipped.clear();
        lastEngineNanos = Long.MIN_VALUE;
        lastDue = Long.MIN_VALUE;
        clockKnown = false;
    }
}
