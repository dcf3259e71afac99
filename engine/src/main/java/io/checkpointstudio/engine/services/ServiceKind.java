package io.checkpointstudio.engine.services;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The local services the studio can start: each one's name (CLI, folders, JSON), display name and standard port. */
public enum ServiceKind {
    KAFKA("kafka", "Kafka", 9092),
    POSTGRES("postgres", "PostgreSQL", 5432),
    S3("s3", "S3", 9000);

    private final String id;
    private final String displayName;
    private final int standardPort;

    ServiceKind(String id, String displayName, int standardPort) {
        this.id = id;
        this.displayName = displayName;
        this.standardPort = standardPort;
    }

    /** kafka, postgres or s3: the CLI argument, the data folder's name, the key in the lock file and in JSON. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The port the service takes when it is free. */
    public int standardPort() {
        return standardPort;
    }

    /** The kind named {@code id} (case-insensitive); an error listing the names otherwise. */
    public static ServiceKind of(String id) {
        for (ServiceKind k : values()) {
            if (k.id.equalsIgnoreCase(id.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("no local service '" + id + "'; the services are " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(k -> k.id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
