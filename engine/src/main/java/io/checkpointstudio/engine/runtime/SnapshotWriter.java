package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.checkpoint.CheckpointCoordinator;
import io.checkpointstudio.engine.checkpoint.CheckpointFailureReason;
import io.checkpointstudio.engine.checkpoint.InFlightHandle;
import io.checkpointstudio.engine.checkpoint.IncrementalStateHandle;
import io.checkpointstudio.engine.checkpoint.KeyedStateFileWriter;
import io.checkpointstudio.engine.checkpoint.KeyedStateHandle;
import io.checkpointstudio.engine.checkpoint.OperatorStateHandle;
import io.checkpointstudio.engine.checkpoint.SubtaskAck;
import io.checkpointstudio.engine.checkpoint.SubtaskCheckpointStats;
import io.checkpointstudio.engine.checkpoint.SubtaskStateHandle;
import io.checkpointstudio.engine.record.BatchCodec;
import io.checkpointstudio.engine.record.RecordBatch;
import io.checkpointstudio.engine.state.OperatorListState;
import io.checkpointstudio.engine.state.OperatorSnapshot;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The asynchronous part of every subtask's checkpoint: writes the captured state (and, for unaligned
 * checkpoints, the in-flight records) into the checkpoint's folder on a pool of snapshot threads, then
 * acknowledges to the coordinator, or declines when writing failed.
 */
final class SnapshotWriter {
    private final CheckpointCoordinator coordinator;
    private final ExecutorService pool;

    SnapshotWriter(CheckpointCoordinator coordinator, ExecutorService pool) {
        this.coordinator = coordinator;
        this.pool = pool;
    }

    void write(Subtask subtask, long checkpointId, OperatorSnapshot[] snapshots, long syncMs, long startDelayMs, long alignmentMs,
               long processedBytes, boolean unaligned, CompletableFuture<InFlightData> inFlight) {
        if (coordinator == null) {
            return;
        }
        int taskIndex = subtask.vertex.index();
        int index = subtask.index;
        String label = subtask.label();
        int maxP = subtask.attempt.plan().maxParallelism();
        int p = subtask.vertex.parallelism();
        List<String> ids = subtask.vertex.chain().stream().map(o -> o.id()).toList();
        BarrierTracer.SubtaskTrace trace = subtask.trace;
        pool.execute(() -> {
            long start = System.nanoTime();
            if (trace.on()) {
                trace.snapshotStarted(checkpointId, io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace.Phase.ASYNC);
            }
            Path dir = coordinator.directoryOf(checkpointId);
            List<OperatorStateHandle> handles = new ArrayList<>();
            Map<String, Long> sizes = new LinkedHashMap<>();
            long stateBytes = 0;
            long writtenBytes = 0;
            try {
                if (!Files.isDirectory(dir)) {
                    throw new IOException(dir + " is gone (the checkpoint was aborted)");
                }
                if (coordinator.consumeInjectedWriteFailure(checkpointId)) {
                    throw new IOException("injected failure of the asynchronous checkpoint write");
                }
                for (int i = 0; i < snapshots.length; i++) {
                    OperatorSnapshot s = snapshots[i];
                    if (s == null) {
                        continue;
                    }
                    KeyedStateHandle keyed = null;
                    if (s.keyed() != null) {
                        Path file = dir.resolve(ids.get(i) + "-" + index + ".kg");
                        KeyedStateFileWriter w = new KeyedStateFileWriter(file, KeyGroups.firstKeyGroup(maxP, p, index),
                                KeyGroups.lastKeyGroup(maxP, p, index));
                        try {
                            s.keyed().write(w);
                        } finally {
                            keyed = w.finish();
                        }
                    }
                    IncrementalStateHandle incremental = null;
                    if (s.nativeKeyed() != null) {
                        incremental = s.nativeKeyed().write(dir, coordinator.sharedState().sharedDir(), ids.get(i) + "-" + index);
                    }
                    OperatorStateHandle h = new OperatorStateHandle(ids.get(i), s.listState(), keyed, incremental,
                            s.listRedistribution() == OperatorListState.Redistribution.ROUND_ROBIN ? null : s.listRedistribution());
                    handles.add(h);
                    sizes.put(ids.get(i), h.bytes());
                    stateBytes += h.bytes();
                    writtenBytes += h.checkpointedBytes();
                }
            } catch (Exception e) {
                coordinator.decline(checkpointId, label, e.getClass().getSimpleName() + ": " + e.getMessage(), writeFailure(subtask));
                return;
            }
            long state = stateBytes;
            long written = writtenBytes;
            // The in-flight data of an unaligned checkpoint is complete only when the subtask has seen every
            // input's barrier. Wait for it without holding a snapshot thread: the subtask's thread completes
            // it, or cancels it when the subtask ends first (failure, cancellation), which declines here.
            inFlight.whenCompleteAsync((data, error) -> {
                try {
                    if (error != null) {
                        throw error;
                    }
                    InFlightHandle inFlightHandle = null;
                    long persisted = 0;
                    if (data != null && data.perChannel().stream().anyMatch(l -> !l.isEmpty())) {
                        inFlightHandle = writeInFlight(dir.resolve("inflight-" + ids.get(0) + "-" + index + ".bin"), data);
                        persisted = inFlightHandle.bytes();
                    }
                    long total = state + persisted;
                    long checkpointed = written + persisted;
                    long asyncNanos = System.nanoTime() - start;
                    long asyncMs = asyncNanos / 1_000_000L;
                    SubtaskCheckpointStats stats = new SubtaskCheckpointStats(index, -1, -1, checkpointed, total, syncMs, asyncMs,
                            processedBytes, persisted, alignmentMs, startDelayMs, unaligned, sizes);
                    if (trace.on()) {
                        trace.snapshotFinished(checkpointId, io.checkpointstudio.engine.monitor.EngineEvent.BarrierTrace.Phase.ASYNC,
                                asyncNanos / 1000L);
                        trace.ackSent(checkpointId, total, persisted);
                    }
                    coordinator.acknowledge(new SubtaskAck(checkpointId, taskIndex, index,
                            new SubtaskStateHandle(index, handles, inFlightHandle), stats));
                } catch (Throwable e) {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof CancellationException) {
                        // the subtask ended (failed, cancelled or finished) before every input's barrier arrived
                        coordinator.decline(checkpointId, label, "the task ended before its in-flight data was complete",
                                subtask.attempt.isCancelled() ? CheckpointFailureReason.TASK_FAILURE
                                        : CheckpointFailureReason.CHECKPOINT_DECLINED_TASK_CLOSING);
                    } else {
                        coordinator.decline(checkpointId, label, cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                                writeFailure(subtask));
                    }
                }
            }, this::runOnPool);
        });
    }

    /**
     * Why a write failed: a failure of the checkpoint (it counts against tolerable-failed-checkpoints) while the
     * attempt runs; once the attempt fails or is cancelled, its operators and state backends are closing under
     * the write, which is the task's failure and not the checkpoint's (Flink's TASK_FAILURE, not counted). A
     * failing subtask marks the attempt before it closes its operators, so a write that fails because of the
     * closing always sees the mark.
     */
    private static CheckpointFailureReason writeFailure(Subtask subtask) {
        return subtask.attempt.isCancelled() ? CheckpointFailureReason.TASK_FAILURE : CheckpointFailureReason.CHECKPOINT_ASYNC_EXCEPTION;
    }

    /** Acknowledges checkpoint {@code checkpointId} for a subtask that has finished, with the state it finished with. */
    void acknowledgeFinished(Subtask subtask, long checkpointId) {
        if (coordinator == null) {
            return;
        }
        List<OperatorStateHandle> handles = subtask.finalState();
        Map<String, Long> sizes = new LinkedHashMap<>();
        long bytes = 0;
        for (OperatorStateHandle h : handles) {
            sizes.put(h.operatorId(), h.bytes());
            bytes += h.bytes();
        }
        SubtaskCheckpointStats stats = new SubtaskCheckpointStats(subtask.index, -1, -1, bytes, bytes, 0, 0, 0, 0, 0, 0, false, sizes);
        coordinator.acknowledge(new SubtaskAck(checkpointId, subtask.vertex.index(), subtask.index,
                new SubtaskStateHandle(subtask.index, handles, null), stats));
    }

    /** Runs on the snapshot pool; once the job has ended and the pool is shut down, the late work is dropped. */
    private void runOnPool(Runnable r) {
        try {
            pool.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException jobOver) {
            // the job ended: nobody waits for this checkpoint any more
        }
    }

    private static InFlightHandle writeInFlight(Path file, InFlightData data) throws IOException {
        try {
            return writeInFlightData(file, data);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e); // "No space left on device" alone does not say where
        }
    }

    private static InFlightHandle writeInFlightData(Path file, InFlightData data) throws IOException {
        CRC32 crc = new CRC32();
        int batches = 0;
        long bytes;
        try (OutputStream raw = Files.newOutputStream(file);
             CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc);
             DataOutputStream out = new DataOutputStream(checked)) {
            for (List<RecordBatch> channel : data.perChannel()) {
                for (RecordBatch b : channel) {
                    BatchCodec.write(out, b);
                    batches++;
                }
            }
            out.flush();
            bytes = out.size();
        }
        return new InFlightHandle(file.getFileName().toString(), bytes, crc.getValue(), batches);
    }
}
