package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * {@code OPERATOR[/SUBTASK]@WHEN} as given to {@code run --fail}: WHEN is a record count (fail right after
 * that many records) or a duration such as {@code 5s} (fail that long after the job started).
 */
record FaultSpec(String operatorId, int subtask, long records, Duration after) {
    static FaultSpec parse(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw invalid(text, "expected OPERATOR[/SUBTASK]@RECORDS or OPERATOR[/SUBTASK]@DURATION, e.g. per-user/0@500000 or per-user@5s");
        }
        String target = text.substring(0, at);
        String when = text.substring(at + 1).replace("_", "");
        long records = -1;
        Duration after = null;
        if (when.chars().allMatch(Character::isDigit)) {
            records = Long.parseLong(when);
        } else {
            try {
                after = Durations.parse(when);
            } catch (RuntimeException e) {
                throw invalid(text, "'" + when + "' is neither a number of records nor a duration such as 5s");
            }
        }
        int slash = target.lastIndexOf('/');
        if (slash < 0) {
            return new FaultSpec(target, -1, records, after);
        }
        try {
            return new FaultSpec(target.substring(0, slash), Integer.parseInt(target.substring(slash + 1)), records, after);
        } catch (NumberFormatException e) {
            throw invalid(text, "the subtask after '/' must be a number counted from 0");
        }
    }

    private static CommandLine.ParameterException invalid(String text, String why) {
        return new CommandLine.ParameterException(new CommandLine(new StudioCommand()), "--fail " + text + ": " + why);
    }
}
