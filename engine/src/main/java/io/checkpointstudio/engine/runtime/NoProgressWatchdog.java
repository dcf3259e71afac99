package io.checkpointstudio.engine.runtime;

import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.config.Durations;
import io.checkpointstudio.engine.expression.ExpressionFrames;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.monitor.EngineEvent;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fails a task whose thread has spent longer than {@code checkpoint-studio.task.no-progress-timeout} inside one
 * operator's batch without moving: still running (not waiting on input, output or a lock), no batch handed on to
 * the next chained operator and no record written out. The failure names the operator and the expression it was
 * evaluating; the thread is interrupted, which stops an expression at its next string operation (see
 * {@code ExpressionStrings}).
 *
 * <p>Java cannot stop a thread safely from outside, so a thread that ignores the interrupt (a driver blocked on
 * the network, say) goes on: once its attempt is cancelled and it has not ended a grace period (the timeout, at
 * most 10 s) after being interrupted, the attempt counts it as ended, so the job can restart or end without it.
 * Such a thread is a daemon and keeps nothing from exiting; when it finally returns it closes its operators and
 * reports nothing. The same applies to any attempt cancelled while a thread is stuck in a batch.
 *
 * <p>Runs on the job's control thread every quarter of the timeout (at most every second). It reads what each
 * subtask publishes anyway ({@link TaskProgress}, its output counter) and the thread's state: no cost per record.
 */
final class NoProgressWatchdog {
    private static final long MAX_GRACE_NANOS = 10_000_000_000L;

    private final JobExecution execution;
    private final Duration timeout;
    private final long timeoutNanos;
    private final long graceNanos;
    private final Map<Subtask, Watch> watches = new IdentityHashMap<>();
    private JobAttempt watched;

    /** What the watchdog saw of one subtask: its last progress value, since when, and when it interrupted it. */
    private static final class Watch {
        long progress;
        long since;
        long interruptedAt = -1;

        Watch(long progress, long now) {
            this.progress = progress;
            this.since = now;
        }
    }

    NoProgressWatchdog(JobExecution execution, Duration timeout) {
        this.execution = execution;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.graceNanos = Math.min(timeoutNanos, MAX_GRACE_NANOS);
    }

    /** How often {@link #check} should run, in milliseconds. */
    long periodMillis() {
        return Math.max(10, Math.min(1_000, timeout.toMillis() / 4));
    }

    /** One look at the attempt's subtasks; {@code now} from {@link System#nanoTime()}. */
    void check(JobAttempt attempt, long now) {
        if (attempt != watched) {
            watches.clear();
            watched = attempt;
        }
        for (Subtask subtask : attempt.subtasks()) {
            Thread thread = subtask.runner();
            if (thread == null || subtask.hasEnded()) {
                continue;
            }
            int operator = subtask.progress.operator();
            long progress = subtask.progress.steps() + subtask.recordsOut();
            Watch watch = watches.get(subtask);
            if (watch == null) {
                watches.put(subtask, new Watch(progress, now));
                continue;
            }
            if (attempt.isCancelled()) {
                stopIfStuck(attempt, subtask, thread, operator, progress, watch, now);
                continue;
            }
            boolean busy = operator >= 0 && thread.getState() == Thread.State.RUNNABLE;
            if (!busy || progress != watch.progress) {
                watch.progress = progress;
                watch.since = now;
            } else if (now - watch.since >= timeoutNanos) {
                fail(attempt, subtask, thread, operator, watch, now);
            }
        }
    }

    private void fail(JobAttempt attempt, Subtask subtask, Thread thread, int operator, Watch watch, long now) {
        NoProgressException failure = new NoProgressException(describe(subtask.vertex.chain().get(operator), thread));
        execution.subtaskFailed(subtask.label(), subtask.index, failure);
        attempt.failFromOutside(failure, subtask.label());
        thread.interrupt();
        watch.interruptedAt = now;
    }

    /** In a cancelled attempt: interrupts a thread that stays in one batch, and gives up on it if that does not help. */
    private void stopIfStuck(JobAttempt attempt, Subtask subtask, Thread thread, int operator, long progress, Watch watch,
                             long now) {
        if (watch.interruptedAt < 0) {
            if (operator < 0 || progress != watch.progress) {
                watch.progress = progress;
                watch.since = now;
            } else if (now - watch.since >= graceNanos) {
                thread.interrupt();
                watch.interruptedAt = now;
            }
        } else if (now - watch.interruptedAt >= graceNanos && subtask.claimEnd()) {
            execution.events().publish(new EngineEvent.Notice(System.currentTimeMillis(), subtask.label()
                    + " did not stop within " + Durations.format(Duration.ofNanos(now - watch.interruptedAt))
                    + " of being interrupted; the job goes on without waiting for it, and its thread finishes in the"
                    + " background"));
            attempt.subtaskEnded(subtask);
        }
    }

    private String describe(ValidatedOperator operator, Thread thread) {
        String expression = expressionOf(operator, thread);
        return "operator '" + operator.id() + "' (" + operator.descriptor().type() + ") made no progress for "
                + Durations.format(timeout) + ": one batch of records kept its thread busy"
                + (expression.isEmpty() ? "" : " evaluating " + expression)
                + "; the task was failed and its thread interrupted. If the operator is only slow, raise "
                + ConfigOptions.NO_PROGRESS_TIMEOUT.key() + " (0 turns this check off)";
    }

    /** "its condition `...`", "field `x` `...`", or empty for an operator without expressions. */
    private static String expressionOf(ValidatedOperator operator, Thread thread) {
        List<String> parts = new ArrayList<>();
        for (ParamDescriptor p : operator.descriptor().params()) {
            if (!operator.params().isSet(p.name())) {
                continue;
            }
            if (p.type() == ParamType.EXPRESSION) {
                parts.add("its " + p.name() + " `" + operator.params().getString(p.name()) + "`");
            } else if (p.type() == ParamType.FIELD_EXPRESSIONS) {
                Map<String, String> fields = operator.params().getFieldExpressions(p.name());
                List<String> names = new ArrayList<>(fields.keySet());
                int column = ExpressionFrames.projectionColumn(thread.getStackTrace());
                if (column >= 0 && column < names.size()) {
                    parts.add("field `" + names.get(column) + "` `" + fields.get(names.get(column)) + "`");
                } else {
                    fields.forEach((name, text) -> parts.add("field `" + name + "` `" + text + "`"));
                }
            }
        }
        return String.join(", ", parts);
    }
}
