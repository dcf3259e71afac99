package io.checkpointstudio.engine.services;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** What differs between the servers: preparing the data folder, the command line, readiness, start-up extras, stopping. */
sealed interface LocalServer permits KafkaServer, PostgresServer, S3Server {

    ServiceKind kind();

    /** The server's own log (its standard output and error). */
    Path log();

    /** Kafka: a second port for its controller. */
    default boolean needsControllerPort() {
        return false;
    }

    /** Checks the server's files and prepares its data folder (Kafka's format, PostgreSQL's unpacking and initdb). */
    void prepare(Ports ports, Consumer<String> progress) throws ServiceException;

    /** The command that runs the server in the foreground (the facade detaches it and sends its output to {@link #log()}). */
    List<String> command(Ports ports) throws ServiceException;

    /** A probe that answers whether the server serves requests yet; kept open while the facade waits. */
    Readiness readiness(int port);

    /** After the server answered the first time (S3: the bucket). */
    default void started(int port) throws ServiceException {
    }

    /** Asks the process to stop cleanly (the facade kills it if it has not ended in time). */
    void requestStop(ProcessHandle process);

    /** What clients connect to: bootstrap servers, a JDBC URL or an endpoint. */
    String address(int port);

    /** A readiness probe. */
    interface Readiness extends AutoCloseable {
        boolean ready();

        @Override
        default void close() {
        }
    }
}
