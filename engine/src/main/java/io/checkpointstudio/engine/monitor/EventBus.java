package io.checkpointstudio.engine.monitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Delivers engine events to subscribers on a dispatcher thread of its own, so a slow subscriber (the UI,
 * a recorder) never blocks an engine thread: publishing only appends to a queue. It also keeps the most
 * recent events so a subscriber that comes late can catch up.
 */
public final class EventBus implements AutoCloseable {
    private static final Object CLOSE = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final List<Consumer<EngineEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final ArrayDeque<EngineEvent> recent = new ArrayDeque<>();
    private final int keep;
    private final Thread dispatcher;

    public EventBus(String name, int keep) {
        this.keep = keep;
        this.dispatcher = new Thread(this::dispatch, name + " events");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** Never blocks. Barrier traces are delivered but not kept: they would push the job's history out of {@link #recent()}. */
    public void publish(EngineEvent event) {
        if (event instanceof EngineEvent.BarrierTrace) {
            queue.add(event);
            return;
        }
        synchronized (recent) {
            recent.addLast(event);
            if (recent.size() > keep) {
                recent.removeFirst();
            }
        }
        queue.add(event);
    }

    public void subscribe(Consumer<EngineEvent> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<EngineEvent> subscriber) {
        subscribers.remove(subscriber);
    }

    /** The most recent events, oldest first. */
    public List<EngineEvent> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    private void dispatch() {
        try {
            while (true) {
                Object e = queue.take();
                if (e == CLOSE) {
                    return;
                }
                for (Consumer<EngineEvent> s : subscribers) {
                    try {
                        s.accept((EngineEvent) e);
                    } catch (RuntimeException ex) {
                        // A failing subscriber must not stop the others or the engine.
                        System.getLogger(EventBus.class.getName()).log(System.Logger.Level.WARNING, "event subscriber failed", ex);
                    }
                }
            }
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivers what is queued, then stops the dispatcher. */
    @Override
    public void close() {
        queue.add(CLOSE);
        try {
            dispatcher.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
