package io.checkpointstudio.app.session;

import io.checkpointstudio.engine.fault.FaultInjector;
import java.util.Locale;

/**
 * A failure planned before a run starts (the one both sides of a comparison get): subtask {@code subtask} (-1: every subtask) of operator
 * {@code operatorId} fails once, right after it processed its {@code afterRecords}-th record. With the
 * seeded sources the input is the same on both sides, so the failure hits the same record.
 */
public record FailurePlan(String operatorId, int subtask, long afterRecords) {

    /** A fresh injector holding this plan, for one run. */
    FaultInjector injector() {
        FaultInjector faults = new FaultInjector();
        faults.failAfterRecords(operatorId, subtask, afterRecords);
        return faults;
    }

    public String describe() {
        return (subtask < 0 ? "every subtask" : "subtask " + subtask) + " of '" + operatorId + "' fails after "
                + String.format(Locale.ROOT, "%,d", afterRecords) + " records";
    }
}
