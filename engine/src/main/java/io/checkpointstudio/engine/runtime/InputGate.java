package io.checkpointstudio.engine.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The inputs of one subtask: one bounded FIFO channel per upstream subtask. Writers block while their
 * channel is full (back-pressure, and the blocked time is returned so it can be measured); the reader
 * takes elements round-robin over the channels that are not blocked (blocking a channel is how barrier
 * alignment holds back one input). Elements are record batches or {@link ChannelEvent}s, so one lock
 * operation moves about a thousand records.
 */
public final class InputGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Channel[] channels;
    private final boolean[] blocked;
    private int next;
    private int lastChannel = -1;
    private boolean readerWaiting;
    private volatile boolean cancelled;
    private final java.util.ArrayDeque<PriorityBarrier> priority = new java.util.ArrayDeque<>();
    private volatile boolean mailPending;
    private volatile boolean priorityPending;

    public InputGate(int channelCount, int capacityPerChannel) {
        channels = new Channel[channelCount];
        for (int i = 0; i < channelCount; i++) {
            channels[i] = new Channel(capacityPerChannel, lock.newCondition());
        }
        blocked = new boolean[channelCount];
    }

    public int channelCount() {
        return channels.length;
    }

    /**
     * Appends an element to a channel, waiting while it is full.
     *
     * @param metrics the writer's metrics, which see the wait while it lasts; may be null
     * @return nanoseconds spent waiting (back-pressure)
     * @throws JobCancelledException when the gate is cancelled while waiting
     */
    public long put(int channel, Object element, TaskMetrics metrics) {
        Channel c = channels[channel];
        lock.lock();
        try {
            long waited = 0;
            if (element instanceof ChannelEvent.Barrier b) {
                // Barriers never wait for room: a checkpoint must not be held up behind back-pressure
                // longer than the data in front of it, and an unaligned one must reach the reader now.
                // Aligned barriers that may switch to unaligned (aligned-checkpoint timeout) are announced
                // too, so the reader can time the alignment out while they are still queued.
                if (cancelled) {
                    throw new JobCancelledException();
                }
                c.append(element);
                if (b.unaligned() || b.alignedTimeoutMs() > 0) {
                    priority.add(new PriorityBarrier(channel, b));
                    priorityPending = true;
                }
                notEmpty.signalAll();
                return 0;
            }
            if (c.isFull()) {
                long start = System.nanoTime();
                if (metrics != null) {
                    metrics.backPressuredSince.set(start);
                }
                try {
                    while (c.isFull()) {
                        if (cancelled) {
                            throw new JobCancelledException();
                        }
                        c.writerWaiting = true;
                        c.notFull.awaitUninterruptibly();
                        c.writerWaiting = false;
                    }
                } finally {
                    waited = System.nanoTime() - start;
                    if (metrics != null) {
                        metrics.backPressuredSince.set(0);
                        metrics.backPressured(waited);
                    }
                }
            }
            if (cancelled) {
                throw new JobCancelledException();
            }
            c.append(element);
            if (readerWaiting) {
                notEmpty.signal();
            }
            return waited;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends an element to a channel even when it is full: records an unaligned barrier is about to
     * overtake (the receiver persists them with the checkpoint), so they must not hold the barrier up.
     *
     * @throws JobCancelledException when the gate is cancelled
     */
    public void putOvertaking(int channel, Object element) {
        lock.lock();
        try {
            if (cancelled) {
                throw new JobCancelledException();
            }
            channels[channel].append(element);
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next element from any unblocked channel, or null if none is available now. */
    public Object poll() {
        lock.lock();
        try {
            int n = channels.length;
            for (int k = 0; k < n; k++) {
                int ch = next + k;
                if (ch >= n) {
                    ch -= n;
                }
                Channel c = channels[ch];
                if (c.count > 0 && !blocked[ch]) {
                    Object e = c.removeFirst();
                    if (c.writerWaiting && !c.isFull()) {
                        c.notFull.signal();
                    }
                    lastChannel = ch;
                    next = ch + 1 == n ? 0 : ch + 1;
                    return e;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The channel the last {@link #poll()} took its element from. Reader thread only. */
    public int lastChannel() {
        return lastChannel;
    }

    /** A barrier announced on a channel (unaligned, or aligned with a timeout); the barrier itself is still queued there. */
    public record PriorityBarrier(int channel, ChannelEvent.Barrier barrier) {
    }

    /**
     * The next barrier announced on any channel, or null. The barrier itself is still in its channel;
     * {@link #extractBarrier} takes it out.
     */
    public PriorityBarrier pollPriority() {
        if (!priorityPending) {
            return null; // the common case, without taking the lock
        }
        lock.lock();
        try {
            PriorityBarrier next = priority.poll();
            priorityPending = !priority.isEmpty();
            return next;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes barrier {@code checkpointId} from a channel wherever it is queued and returns the elements
     * queued before it (the data it overtakes, still queued to be processed), or null when it is not in
     * the channel.
     */
    public java.util.List<Object> extractBarrier(int channel, long checkpointId) {
        lock.lock();
        try {
            return channels[channel].removeBarrier(checkpointId);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the reader because a mail was posted for its subtask. */
    public void mailPosted() {
        lock.lock();
        try {
            mailPending = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until an element may be available, the timeout passes, or {@link #wakeUp()} is called. */
    public void await(long timeoutNanos) {
        lock.lock();
        try {
            if (mailPending) {
                mailPending = false;
                return;
            }
            if (cancelled || hasAvailable() || !priority.isEmpty()) {
                return;
            }
            readerWaiting = true;
            try {
                notEmpty.await(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                readerWaiting = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting reader, e.g. because a mail (checkpoint trigger, cancel) was posted for it. */
    public void wakeUp() {
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops or resumes taking elements from one channel (barrier alignment). */
    public void setBlocked(int channel, boolean isBlocked) {
        lock.lock();
        try {
            blocked[channel] = isBlocked;
            if (!isBlocked && channels[channel].count > 0) {
                notEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Number of elements queued in a channel now (for in-flight data and monitoring). */
    public int queued(int channel) {
        lock.lock();
        try {
            return channels[channel].count;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes everyone; writers and the reader then see the cancellation. */
    public void cancel() {
        lock.lock();
        try {
            cancelled = true;
            notEmpty.signalAll();
            for (Channel c : channels) {
                c.notFull.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    private boolean hasAvailable() {
        for (int i = 0; i < channels.length; i++) {
            if (channels[i].count > 0 && !blocked[i]) {
                return true;
            }
        }
        return false;
    }

    private static final class Channel {
        Object[] buffer;
        final Condition notFull;
        int head;
        int count;
        boolean writerWaiting;

        Channel(int capacity, Condition notFull) {
            this.buffer = new Object[capacity + 4];
            this.capacity = capacity;
            this.notFull = notFull;
        }

        final int capacity;

        boolean isFull() {
            return count >= capacity;
        }

        void append(Object element) {
            if (count == buffer.length) {
                Object[] bigger = new Object[buffer.length * 2];
                for (int i = 0; i < count; i++) {
                    bigger[i] = buffer[(head + i) % buffer.length];
                }
                buffer = bigger;
                head = 0;
            }
            buffer[(head + count) % buffer.length] = element;
            count++;
        }

        Object removeFirst() {
            Object e = buffer[head];
            buffer[head] = null;
            head = (head + 1) % buffer.length;
            count--;
            return e;
        }

        java.util.List<Object> removeBarrier(long checkpointId) {
            for (int i = 0; i < count; i++) {
                int at = (head + i) % buffer.length;
                if (buffer[at] instanceof ChannelEvent.Barrier b && b.checkpointId() == checkpointId) {
                    java.util.List<Object> before = new java.util.ArrayList<>(i);
                    for (int j = 0; j < i; j++) {
                        before.add(buffer[(head + j) % buffer.length]);
                    }
                    for (int j = i; j < count - 1; j++) {
                        buffer[(head + j) % buffer.length] = buffer[(head + j + 1) % buffer.length];
                    }
                    buffer[(head + count - 1) % buffer.length] = null;
                    count--;
                    return before;
                }
            }
            return null;
        }
    }
}
