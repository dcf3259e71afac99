package io.checkpointstudio.app.training;

import java.util.List;
import java.util.Locale;

/**
 * One action of a lesson step, written in the lesson file as a line starting with {@code @}:
 * <pre>
 * &#64;load clicks-per-user.job.json           open a sample (its folders moved to the studio's, see LessonRunner)
 * &#64;set execution.checkpointing.interval = 1s   set a config option (undoable, like the property panel)
 * &#64;param clicks eventsPerSecond = 20000     set an operator's parameter (undoable)
 * &#64;run  &#64;cancel  &#64;crash  &#64;resume           the Run menu's commands
 * &#64;savepoint  &#64;stop-with-savepoint            take a savepoint; stop the job with one
 * &#64;fail per-user                           fail every subtask of an operator now
 * &#64;fail-after per-user 10000               fail it once it has processed that many more records
 * &#64;fail-checkpoint 2                       make the next N checkpoint writes fail
 * &#64;slow out 20                             delay each record of an operator by N microseconds
 * &#64;wait checkpoints 2                       wait for N completed checkpoints of the run (also: failed-checkpoints,
 *                                          restarts, savepoints N; status FINISHED|CANCELED|...; running)
 * &#64;point checkpoints-tab                   select that tab, or highlight the node with that id, for a few seconds
 * &#64;show summary-table                      show the guide's savepoint/checkpoint table, filled in from the run
 * </pre>
 *
 * @param kind   what to do
 * @param target the operator id, option key, file name, node id, condition or view the action names; may be empty
 * @param value  the value to set or the number the action takes; may be empty
 */
public record LessonAction(Kind kind, String target, String value) {

    public enum Kind {
        LOAD, SET, PARAM, RUN, CANCEL, CRASH, RESUME, SAVEPOINT, STOP_WITH_SAVEPOINT, FAIL, FAIL_AFTER, FAIL_CHECKPOINT, SLOW, WAIT, POINT, SHOW;

        /** The word after {@code @} in a lesson file. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Kind ofWord(String word) {
            for (Kind k : values()) {
                if (k.word().equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown action '@" + word + "'; known: "
                    + String.join(", ", java.util.Arrays.stream(values()).map(k -> "@" + k.word()).toList()));
        }
    }

    /** The conditions {@code @wait} understands. */
    public static final List<String> WAIT_CONDITIONS = List.of("checkpoints", "failed-checkpoints", "restarts", "savepoints", "status", "running");

    /** The views {@code @show} understands. */
    public static final List<String> VIEWS = List.of("summary-table");

    /** The number the action takes ({@code @fail-after}, {@code @fail-checkpoint}, {@code @slow}, counting {@code @wait}s). */
    public long number() {
        return value.isEmpty() ? 1 : Long.parseLong(value);
    }

    /** The value of {@code @set} / {@code @param} as the job document holds it: a boolean, a whole number or text. */
    public Object typedValue() {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        if (value.matches("-?\\d{1,9}")) {
            return Integer.parseInt(value);
        }
        if (value.matches("-?\\d{10,18}")) {
            return Long.parseLong(value);
        }
        return value;
    }

    /** The line as written in the lesson file. */
    @Override
    public String toString() {
        String s = "@" + kind.word() + (target.isEmpty() ? "" : " " + target);
        if (kind == Kind.SET || kind == Kind.PARAM) {
            return s + " = " + value;
        }
        return value.isEmpty() ? s : s + " " + value;
    }

    /** A short description for the "Do it" button's tooltip and the console. */
    public String describe() {
        return switch (kind) {
            case LOAD -> "open " + target;
            case SET -> "set " + target + " to " + value;
            case PARAM -> "set " + target + " to " + value;
            case RUN -> "run the job";
            case CANCEL -> "cancel the job";
            case CRASH -> "crash the job";
            case RESUME -> "resume from the latest checkpoint";
            case SAVEPOINT -> "take a savepoint";
            case STOP_WITH_SAVEPOINT -> "stop with a savepoint";
            case FAIL -> "fail " + target;
            case FAIL_AFTER -> "fail " + target + " after " + value + " records";
            case FAIL_CHECKPOINT -> "fail the next " + number() + (number() == 1 ? " checkpoint" : " checkpoints");
            case SLOW -> "slow " + target + " by " + value + " µs per record";
            case WAIT -> "wait for " + (value.isEmpty() ? target : target + " " + value);
            case POINT -> "show " + target;
            case SHOW -> "show the " + target.replace('-', ' ');
        };
    }
}
