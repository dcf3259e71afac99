package io.checkpointstudio.engine.services;

import java.util.List;

/** A topic of the local Kafka with its partitions' end offsets (the offset the next record will get). */
public record KafkaTopic(String name, List<Partition> partitions) {
    public KafkaTopic {
        partitions = List.copyOf(partitions);
    }

    public record Partition(int partition, long endOffset) {
    }

    /** The sum of the end offsets: the records written, counting transaction markers. */
    public long totalEndOffset() {
        return partitions.stream().mapToLong(Partition::endOffset).sum();
    }
}
