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
            if (c.count == c.buffer.length) {
                long start = System.nanoTime();
                if (metrics != null) {
                    metrics.backPressuredSince.set(start);
                }
                try {
                    while (c.count == c.buffer.length) {
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
            c.buffer[(c.head + c.count) % c.buffer.length] = element;
            c.count++;
            if (readerWaiting) {
                notEmpty.signal();
            }
            return waited;
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
                    Object e = c.buffer[c.head];
                    c.buffer[c.head] = null;
                    c.head = (c.head + 1) % c.buffer.length;
                    c.count--;
                    if (c.writerWaiting) {
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

    /** Waits until an element may be available, the timeout passes, or {@link #wakeUp()} is called. */
    public void await(long timeoutNanos) {
        lock.lock();
        try {
            if (cancelled || hasAvailable()) {
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
        final Object[] buffer;
        final Condition notFull;
        int head;
        int count;
        boolean writerWaiting;

        Channel(int capacity, Condition notFull) {
            this.buffer = new Object[capacity];
            this.notFull = notFull;
        }
    }
}
