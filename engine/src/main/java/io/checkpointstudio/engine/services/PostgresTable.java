package io.checkpointstudio.engine.services;

/** A table of the local PostgreSQL with its exact row count. */
public record PostgresTable(String schema, String name, long rows) {
}
