package io.checkpointstudio.app.session;

import java.util.concurrent.CompletableFuture;

/**
 * A shown run that takes savepoints on request: a {@link LiveRun} in this process or a Flink job attached
 * over its REST API. The toolbar's savepoint and stop-with-savepoint buttons act on it; both return at once
 * and complete with where the savepoint went.
 */
public interface SavepointTarget {
    String jobName();

    /** Where savepoints go, for the log ("the cluster's default" where it is not known here). */
    String savepointLocation();

    /** A savepoint (into a subfolder {@code name} when one is given). */
    CompletableFuture<String> takeSavepoint(String name);

    /** Stop-with-savepoint; with {@code drain} the sources end first so windows fire. */
    CompletableFuture<String> stopWithSavepoint(boolean drain);
}
