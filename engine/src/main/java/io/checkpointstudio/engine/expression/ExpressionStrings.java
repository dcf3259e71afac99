package io.checkpointstudio.engine.expression;

/**
 * What an expression's string operations run as once compiled: the compiler turns {@code s.repeat(n)},
 * {@code s.concat(t)}, {@code s.replace(a, b)}, {@code s.matches(re)}, {@code s.indexOf(t)},
 * {@code s.lastIndexOf(t)}, {@code s.contains(t)} and string concatenation with {@code +} into calls of the
 * methods here (see {@link StringCallRewriter}), with Java's results, except that
 * <ul>
 * <li>no string longer than {@link #MAX_LENGTH} characters is created: a clear error instead of an exhausted
 * heap (the desktop app's heap, when the job runs inside it);</li>
 * <li>regular expressions and substring searches run in time linear in the input ({@link LinearRegex},
 * {@link LinearSearch}), each pattern compiled once;</li>
 * <li>a thread that the no-progress watchdog interrupted stops at the next of these calls, or inside a
 * regular-expression match, instead of finishing its batch.</li>
 * </ul>
 * The other String methods an expression may call cannot make a string longer than their input (substring,
 * trim, toUpperCase at most triples it) or take more than linear time, and are left as they are; so every
 * evaluation ends, and none holds its thread for long without reaching a check for the interrupt.
 *
 * <p>Public only so that generated classes can link to it; expressions cannot name it.
 */
public final class ExpressionStrings {
    /** The longest string an expression may create: 1,048,576 characters (2 MiB of UTF-16). */
    public static final int MAX_LENGTH = 1 << 20;

    private ExpressionStrings() {
    }

    // ---- growing

    public static String repeat(String s, int count) {
        stopIfInterrupted();
        if (count > 1) {
            checkLength("repeat", (long) s.length() * count);
        }
        return s.repeat(count);
    }

    public static String concat(String s, String other) {
        stopIfInterrupted();
        checkLength("concat", (long) s.length() + other.length());
        return s.concat(other);
    }

    public static String replace(String s, char oldChar, char newChar) {
        return s.replace(oldChar, newChar);
    }

    public static String replace(String s, CharSequence target, CharSequence replacement) {
        stopIfInterrupted();
        String what = target.toString();
        String with = replacement.toString();
        int growth = with.length() - what.length();
        if (growth > 0) {
            checkLength("replace", s.length() + growth * occurrences(s, what));
        }
        if (what.length() <= 1) {
            return s.replace(what, with); // an empty or one-character target is found in linear time
        }
        StringBuilder out = null;
        int done = 0;
        for (int at = LinearSearch.indexOf(s, what, 0); at >= 0; at = LinearSearch.indexOf(s, what, done)) {
            if (out == null) {
                out = new StringBuilder(Math.max(16, s.length() + Math.max(0, growth)));
            }
            out.append(s, done, at).append(with);
            done = at + what.length();
        }
        return out == null ? s : out.append(s, done, s.length()).toString();
    }

    private static long occurrences(String s, String target) {
        if (target.isEmpty()) {
            return s.length() + 1L; // Java inserts the replacement before every character and at the end
        }
        long count = 0;
        for (int at = LinearSearch.indexOf(s, target, 0); at >= 0; at = LinearSearch.indexOf(s, target, at + target.length())) {
            count++;
        }
        return count;
    }

    // ---- concatenation (+): Java's conversions, null as "null"

    public static String plus(String a, String b) {
        stopIfInterrupted();
        String left = a == null ? "null" : a;
        String right = b == null ? "null" : b;
        checkLength("+", (long) left.length() + right.length());
        return left.concat(right);
    }

    public static String plus(String a, Object b) {
        return plus(a, String.valueOf(b));
    }

    public static String plus(Object a, String b) {
        return plus(String.valueOf(a), b);
    }

    public static String plus(String a, long b) {
        return plus(a, String.valueOf(b));
    }

    public static String plus(long a, String b) {
        return plus(String.valueOf(a), b);
    }

    public static String plus(String a, int b) {
        return plus(a, String.valueOf(b));
    }

    public static String plus(int a, String b) {
        return plus(String.valueOf(a), b);
    }

    public static String plus(String a, double b) {
        return plus(a, String.valueOf(b));
    }

    public static String plus(double a, String b) {
        return plus(String.valueOf(a), b);
    }

    public static String plus(String a, float b) {
        return plus(a, String.valueOf(b));
    }

    public static String plus(float a, String b) {
        return plus(String.valueOf(a), b);
    }

    public static String plus(String a, char b) {
        return plus(a, String.valueOf(b));
    }

    public static String plus(char a, String b) {
        return plus(String.valueOf(a), b);
    }

    public static String plus(String a, boolean b) {
        return plus(a, String.valueOf(b));
    }

    public static String plus(boolean a, String b) {
        return plus(String.valueOf(a), b);
    }

    // ---- matching and searching

    public static boolean matches(String s, String regex) {
        stopIfInterrupted();
        return LinearRegex.compile(regex).matcher(new InterruptibleText(s)).matches();
    }

    public static boolean contains(String s, CharSequence target) {
        stopIfInterrupted();
        return LinearSearch.indexOf(s, target.toString(), 0) >= 0;
    }

    public static int indexOf(String s, String target) {
        stopIfInterrupted();
        return LinearSearch.indexOf(s, target, 0);
    }

    public static int indexOf(String s, String target, int from) {
        stopIfInterrupted();
        return LinearSearch.indexOf(s, target, from);
    }

    public static int indexOf(String s, int ch) {
        return s.indexOf(ch);
    }

    public static int indexOf(String s, int ch, int from) {
        return s.indexOf(ch, from);
    }

    public static int lastIndexOf(String s, String target) {
        stopIfInterrupted();
        return LinearSearch.lastIndexOf(s, target, s.length());
    }

    public static int lastIndexOf(String s, String target, int from) {
        stopIfInterrupted();
        return LinearSearch.lastIndexOf(s, target, from);
    }

    public static int lastIndexOf(String s, int ch) {
        return s.lastIndexOf(ch);
    }

    public static int lastIndexOf(String s, int ch, int from) {
        return s.lastIndexOf(ch, from);
    }

    // ---- limits

    private static void checkLength(String operation, long length) {
        if (length > MAX_LENGTH) {
            throw new ExpressionLimitException("`" + operation + "` would create a string of " + length
                    + " characters; an expression may create strings of at most " + MAX_LENGTH + " characters");
        }
    }

    /** Ends the evaluation when the thread was interrupted (the watchdog found its task making no progress). */
    static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ExpressionLimitException("stopped: the task was interrupted because it made no progress");
        }
    }

    /** The text a regular expression matches, checking every few thousand characters read whether to stop. */
    private static final class InterruptibleText implements CharSequence {
        private static final int CHECK_EVERY = 1 << 14;
        private final String text;
        private int reads;

        InterruptibleText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (++reads == CHECK_EVERY) {
                reads = 0;
                stopIfInterrupted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
