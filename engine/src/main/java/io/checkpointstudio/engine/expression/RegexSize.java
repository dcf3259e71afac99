package io.checkpointstudio.engine.expression;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Estimates how large a regular expression becomes once its counted repetitions are expanded, from its text
 * alone and without compiling it: every literal, escape and character class counts 1, a group adds 2, an
 * alternation 1, {@code *}, {@code +} and {@code ?} add 1, and {@code {n,m}} repeats what it follows m times
 * (n times for {@code {n}} and {@code {n,}}). RE2 refuses counts over 1000 but not their nesting, so the product
 * of nested counts is what this guards. Text that is not a valid pattern gets some estimate; compiling it fails
 * afterwards with RE2's own message.
 */
final class RegexSize {
    /** Far above any limit, far below overflow: estimates saturate here. */
    private static final long CAP = 1L << 40;

    private RegexSize() {
    }

    static long estimate(String regex) {
        Deque<long[]> outer = new ArrayDeque<>(); // per open group: {sum, last} of the enclosing level
        long sum = 0;
        long last = 0;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            long item = -1;
            switch (c) {
                case '\\' -> {
                    i = afterEscape(regex, i);
                    item = 1;
                }
                case '[' -> {
                    i = afterClass(regex, i);
                    item = 1;
                }
                case '(' -> {
                    outer.push(new long[] {sum, last});
                    sum = 0;
                    last = 0;
                    i++;
                }
                case ')' -> {
                    long group = add(sum, 2);
                    long[] enclosing = outer.isEmpty() ? new long[] {0, 0} : outer.pop();
                    sum = enclosing[0];
                    i++;
                    item = group;
                }
                case '|', '*', '+', '?' -> {
                    sum = add(sum, 1);
                    if (c == '|') {
                        last = 0;
                    }
                    i++;
                }
                case '{' -> {
                    int end = regex.indexOf('}', i);
                    long count = end < 0 ? -1 : repetitionCount(regex.substring(i + 1, end));
                    if (count < 0) {
                        i++;
                        item = 1;
                    } else {
                        sum = add(sum, add(multiply(last, Math.max(0, count - 1)), 1));
                        last = multiply(last, Math.max(1, count));
                        i = end + 1;
                    }
                }
                default -> {
                    i++;
                    item = 1;
                }
            }
            if (item >= 0) {
                sum = add(sum, item);
                last = item;
            }
        }
        while (!outer.isEmpty()) { // unbalanced: RE2 refuses it anyway
            sum = add(outer.pop()[0], sum);
        }
        return sum;
    }

    /** The larger count of {@code n}, {@code n,} or {@code n,m}; -1 if the text is no repetition (RE2 reads it literally). */
    private static long repetitionCount(String body) {
        int comma = body.indexOf(',');
        String min = comma < 0 ? body : body.substring(0, comma);
        String max = comma < 0 ? "" : body.substring(comma + 1);
        if (!isNumber(min) || !max.isEmpty() && !isNumber(max)) {
            return -1;
        }
        long low = Long.parseLong(min);
        return max.isEmpty() ? low + (comma < 0 ? 0 : 1) : Math.max(low, Long.parseLong(max));
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The index after an escape that starts at {@code i}: {@code \d}, {@code \p{Greek}}, {@code \x{41}}, {@code \Q...\E}. */
    private static int afterEscape(String regex, int i) {
        int next = i + 1;
        if (next >= regex.length()) {
            return next;
        }
        char kind = regex.charAt(next);
        if ((kind == 'p' || kind == 'P' || kind == 'x') && next + 1 < regex.length() && regex.charAt(next + 1) == '{') {
            int close = regex.indexOf('}', next);
            return close < 0 ? regex.length() : close + 1;
        }
        if (kind == 'Q') {
            int close = regex.indexOf("\\E", next);
            return close < 0 ? regex.length() : close + 2;
        }
        return next + 1;
    }

    /** The index after a character class that starts at {@code i}, such as {@code []a-z[:digit:]\]]}. */
    private static int afterClass(String regex, int i) {
        int k = i + 1;
        if (k < regex.length() && regex.charAt(k) == '^') {
            k++;
        }
        if (k < regex.length() && regex.charAt(k) == ']') {
            k++; // a ']' first in a class is literal
        }
        while (k < regex.length()) {
            char c = regex.charAt(k);
            if (c == '\\') {
                k = afterEscape(regex, k);
            } else if (c == '[' && regex.startsWith("[:", k)) {
                int close = regex.indexOf(":]", k + 2);
                k = close < 0 ? k + 1 : close + 2;
            } else if (c == ']') {
                return k + 1;
            } else {
                k++;
            }
        }
        return k;
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    private static long multiply(long a, long b) {
        return b != 0 && a > CAP / b ? CAP : Math.min(CAP, a * b);
    }
}
