package io.checkpointstudio.app.monitor;

import io.checkpointstudio.app.session.RunSnapshot;

/** The time the views draw up to: now while the run goes on, its end once it stopped. */
final class RunClock {
    private RunClock() {
    }

    static long now(RunSnapshot s) {
        if (s.replayed()) {
            return s.asOf(); // a recording, scrubbed to this instant
        }
        if (s.running()) {
            return System.currentTimeMillis();
        }
        return s.endedAt() > 0 ? s.endedAt() : s.metrics().at();
    }
}
