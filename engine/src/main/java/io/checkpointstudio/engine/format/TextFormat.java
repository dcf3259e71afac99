package io.checkpointstudio.engine.format;

/** The line formats file sources and sinks read and write. */
public enum TextFormat {
    /** One JSON object per line, fields by name. */
    JSON("jsonl"),
    /** Comma-separated values (RFC 4180 quoting), fields by position. */
    CSV("csv");

    private final String extension;

    TextFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
