package io.checkpointstudio.flink.translate.operators;

/**
 * A connector an exported program uses: the export writes its helper class beside {@code Main.java} and puts
 * its libraries (none of which a Flink distribution has) into the pom.
 */
public enum ExportedConnector {
    /** {@code Kafka.java} (values as rows, rows as JSON records) and flink-connector-kafka. */
    KAFKA,
    /** {@code Postgres.java} (connections with the password from the environment, the table's creation) and the JDBC connector with the PostgreSQL driver. */
    POSTGRES
}
