package io.checkpointstudio.engine.format;

import io.checkpointstudio.engine.record.RecordFailure;
import java.io.IOException;

/** An input line or message that does not parse as a record of the source's schema; the message says where. */
public final class InvalidRecordException extends IOException implements RecordFailure {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }
}
