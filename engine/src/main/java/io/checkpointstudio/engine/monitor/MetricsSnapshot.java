package io.checkpointstudio.engine.monitor;

import java.util.List;
import java.util.Optional;

/**
 * The latest figures of a running job, immutable; readers (the UI at about 10 per second, the CLI's
 * progress line) take the newest one without locking anything on the engine's hot path.
 *
 * @param revision increases with every new snapshot, so a reader can skip redrawing an unchanged one
 */
public record MetricsSnapshot(long revision, long at, JobStatus status, long uptimeMillis, List<OperatorFigures> operators) {

    public static MetricsSnapshot initial() {
        return new MetricsSnapshot(0, System.currentTimeMillis(), JobStatus.CREATED, 0, List.of());
    }

    public Optional<OperatorFigures> operator(String id) {
        return operators.stream().filter(o -> o.operatorId().equals(id)).findFirst();
    }
}
