package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.record.RecordBatch;
import java.util.List;

/** The records an unaligned checkpoint captured per input channel (those its barrier overtook). */
record InFlightData(List<List<RecordBatch>> perChannel, long bytes) {
}
