package io.checkpointstudio.engine.cli;

import picocli.CommandLine;

/** {@code OPERATOR[/SUBTASK]@RECORDS} as given to {@code run --fail}. */
record FaultSpec(String operatorId, int subtask, long records) {
    static FaultSpec parse(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new CommandLine.ParameterException(new CommandLine(new StudioCommand()),
                    "--fail " + text + ": expected OPERATOR[/SUBTASK]@RECORDS, e.g. per-user/0@500000");
        }
        String target = text.substring(0, at);
        long records;
        try {
            records = Long.parseLong(text.substring(at + 1).replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(new CommandLine(new StudioCommand()),
                    "--fail " + text + ": '" + text.substring(at + 1) + "' is not a number of records");
        }
        int slash = target.lastIndexOf('/');
        if (slash < 0) {
            return new FaultSpec(target, -1, records);
        }
        try {
            return new FaultSpec(target.substring(0, slash), Integer.parseInt(target.substring(slash + 1)), records);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(new CommandLine(new StudioCommand()),
                    "--fail " + text + ": the subtask after '/' must be a number counted from 0");
        }
    }
}
