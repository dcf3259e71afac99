package io.checkpointstudio.engine.services;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * One service's entry in the lock file: its server process (pid and the process's start time, so a pid
 * reused after a reboot is not taken for it), its ports, whether it answered yet, when it started and why
 * it is not on its standard port (or null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ServiceRecord(long pid, long processStartMillis, int port, int controllerPort, boolean ready, String startedAt, String note) {

    static ServiceRecord of(ProcessHandle process, Ports ports) {
        long start = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new ServiceRecord(process.pid(), start, ports.port(), ports.controllerPort(), false, Instant.now().toString(), ports.note());
    }

    ServiceRecord asReady() {
        return new ServiceRecord(pid, processStartMillis, port, controllerPort, true, startedAt, note);
    }

    /** The recorded process, when it still runs and is the one recorded (same start time, within a second). */
    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
            if (processStartMillis == 0) {
                return true;
            }
            return p.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - processStartMillis) < 1000).orElse(true);
        });
    }

    Instant since() {
        try {
            return Instant.parse(startedAt);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
