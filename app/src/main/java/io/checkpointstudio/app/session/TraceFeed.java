package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.monitor.EngineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The barrier trace of a run on its way to the JavaFX thread: the engine's event dispatcher offers, the
 * slow-motion overlay drains a bounded number each frame. Neither side ever waits; when the reader falls
 * behind by more than {@code capacity} events, the oldest are dropped (and counted).
 */
public final class TraceFeed {
    private final ConcurrentLinkedQueue<EngineEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int capacity;

    public TraceFeed(int capacity) {
        this.capacity = capacity;
    }

    public void offer(EngineEvent e) {
        queue.add(e);
        if (size.incrementAndGet() > capacity && queue.poll() != null) {
            size.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    /** Takes up to {@code max} events, oldest first. */
    public List<EngineEvent> drain(int max) {
        List<EngineEvent> out = new ArrayList<>();
        EngineEvent e;
        while (out.size() < max && (e = queue.poll()) != null) {
            size.decrementAndGet();
            out.add(e);
        }
        return out;
    }

    public void clear() {
        while (queue.poll() != null) {
            size.decrementAndGet();
        }
    }

    /** Events dropped because the reader fell too far behind. */
    public long dropped() {
        return dropped.get();
    }
}
