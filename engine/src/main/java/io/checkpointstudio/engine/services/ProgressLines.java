package io.checkpointstudio.engine.services;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Prints the services' progress lines, each once, as {@code kafka: line}: how the CLI shows a start. */
public final class ProgressLines {
    private ProgressLines() {
    }

    /** Prints every new progress line on {@code out} until the result is closed. */
    public static AutoCloseable print(LocalServices services, PrintWriter out) {
        Map<ServiceKind, Integer> printed = new ConcurrentHashMap<>();
        return services.subscribe(s -> {
            if (s instanceof ServiceState.Starting st) {
                synchronized (out) {
                    int from = printed.getOrDefault(s.kind(), 0);
                    if (from > st.progress().size()) {
                        from = 0; // a new start of the same service
                    }
                    for (int i = from; i < st.progress().size(); i++) {
                        out.println(s.kind().id() + ": " + st.progress().get(i));
                    }
                    printed.put(s.kind(), st.progress().size());
                    out.flush();
                }
            } else {
                printed.remove(s.kind());
            }
        });
    }
}
