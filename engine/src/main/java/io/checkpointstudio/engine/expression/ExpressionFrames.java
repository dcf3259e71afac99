package io.checkpointstudio.engine.expression;

/** Reads a thread's stack for the expression it is evaluating: for failures and for the no-progress watchdog. */
public final class ExpressionFrames {
    private static final String COLUMN_METHOD = "column";

    private ExpressionFrames() {
    }

    /**
     * The index of the map output field whose generated method ({@code $column3}, see {@link ProjectionGenerator};
     * Janino names the private method {@code $column3$}) is on the stack, innermost first; -1 if none is.
     */
    public static int projectionColumn(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String method = frame.getMethodName().replaceFirst("\\$+$", "");
            int at = method.lastIndexOf(COLUMN_METHOD);
            if (at > 0 && method.substring(0, at).chars().allMatch(c -> c == '$')) {
                String digits = method.substring(at + COLUMN_METHOD.length());
                if (!digits.isEmpty() && digits.length() < 10 && digits.chars().allMatch(Character::isDigit)) {
                    return Integer.parseInt(digits);
                }
            }
        }
        return -1;
    }
}
