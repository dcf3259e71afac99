package io.checkpointstudio.engine.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One API for every fault the CLI, the GUI and tests inject into a running job: fail a subtask now or after
 * its N-th record, slow an operator down, fail the next checkpoint's write. Each failure fires once per
 * job (a restarted attempt is not failed again). Rules set before the job starts apply when it starts.
 */
public final class FaultInjector {
    /** A rule: fail operator O's subtask S (or every subtask when -1) after N records. */
    public record FailRule(String operatorId, int subtask, long afterRecords) {
    }

    private final List<FailRule> failRules = new ArrayList<>();
    private final Map<String, Long> slow = new ConcurrentHashMap<>();
    private final Map<String, OperatorFaults> live = new ConcurrentHashMap<>();
    private final Map<String, Boolean> fired = new ConcurrentHashMap<>();
    private volatile Runnable checkpointWriteFailure;
    private int pendingCheckpointFailures;

    /** Fails subtask {@code subtask} (-1: all) of the operator once, right after it processed its N-th record. */
    public synchronized void failAfterRecords(String operatorId, int subtask, long records) {
        failRules.add(new FailRule(operatorId, subtask, records));
        live.forEach((key, f) -> {
            if (matches(key, operatorId, subtask) && !fired.containsKey(key)) {
                f.failAfterRecords = records;
            }
        });
    }

    /** Fails a running subtask (-1: all) at its next batch. */
    public void failNow(String operatorId, int subtask) {
        live.forEach((key, f) -> {
            if (matches(key, operatorId, subtask)) {
                f.failNow = true;
            }
        });
    }

    /** Delays every record of the operator by {@code micros} (0 removes the delay): creates back-pressure. */
    public void slow(String operatorId, long micros) {
        slow.put(operatorId, micros);
        live.forEach((key, f) -> {
            if (key.startsWith(operatorId + "/")) {
                f.slowMicrosPerRecord = micros;
            }
        });
    }

    /**
     * Makes the asynchronous write of the next checkpoint fail (the checkpoint fails; the job keeps running
     * unless more checkpoints failed in a row than tolerated). Calling it N times fails the next N checkpoints.
     */
    public synchronized void failNextCheckpoint() {
        Runnable r = checkpointWriteFailure;
        if (r != null) {
            r.run();
        } else {
            pendingCheckpointFailures++;
        }
    }

    /** Connects the injector to a job's coordinator. */
    public synchronized void onCheckpointWriteFailureRequested(Runnable failNextWrite) {
        this.checkpointWriteFailure = failNextWrite;
        for (; pendingCheckpointFailures > 0; pendingCheckpointFailures--) {
            failNextWrite.run();
        }
    }

    /** The faults of one operator subtask in a new attempt. */
    public synchronized OperatorFaults register(String operatorId, int subtask, int parallelism) {
        String key = operatorId + "/" + subtask;
        OperatorFaults f = new OperatorFaults(this, operatorId, subtask, parallelism);
        if (!fired.containsKey(key)) {
            for (FailRule r : failRules) {
                if (matches(key, r.operatorId(), r.subtask())) {
                    f.failAfterRecords = r.afterRecords();
                }
            }
        }
        f.slowMicrosPerRecord = slow.getOrDefault(operatorId, 0L);
        live.put(key, f);
        return f;
    }

    void fired(String operatorId, int subtask) {
        fired.put(operatorId + "/" + subtask, true);
    }

    public boolean hasFired() {
        return !fired.isEmpty();
    }

    private static boolean matches(String key, String operatorId, int subtask) {
        return subtask < 0 ? key.startsWith(operatorId + "/") : key.equals(operatorId + "/" + subtask);
    }
}
