package io.checkpointstudio.engine.expression;

/**
 * Substring search in time linear in the text (Knuth-Morris-Pratt), checking every 65,536 characters whether the
 * thread was interrupted. {@code String.indexOf} compares naively: a long target that nearly matches everywhere
 * (125,000 {@code a}s and a {@code b}, in 250,000 {@code a}s) takes target × text steps, seconds to minutes in
 * one call that cannot be interrupted and, being a JVM intrinsic, holds off safepoints, so that every other thread
 * (the desktop app's too) can stall at the next garbage collection. Small searches still use String's own,
 * vectorized one.
 */
final class LinearSearch {
    /** Up to this many character comparisons, String's own search runs: fast, and done within a millisecond. */
    static final long NAIVE_LIMIT = 1L << 20;

    private static final int CHECK_EVERY = 1 << 16;

    private LinearSearch() {
    }

    /** {@link String#indexOf(String, int)}. */
    static int indexOf(String text, String target, int from) {
        int n = text.length();
        int m = target.length();
        int start = Math.max(0, from);
        if (m <= 1 || (long) m * Math.max(0, n - start - m + 1) <= NAIVE_LIMIT) {
            return text.indexOf(target, from);
        }
        int[] fallback = fallback(target);
        int matched = 0;
        int steps = 0;
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            while (matched > 0 && target.charAt(matched) != c) {
                matched = fallback[matched - 1];
            }
            if (target.charAt(matched) == c && ++matched == m) {
                return i - m + 1;
            }
            if (++steps == CHECK_EVERY) {
                steps = 0;
                ExpressionStrings.stopIfInterrupted();
            }
        }
        return -1;
    }

    /** {@link String#lastIndexOf(String, int)}: the last start at or before {@code from}. */
    static int lastIndexOf(String text, String target, int from) {
        int m = target.length();
        int last = Math.min(from, text.length() - m);
        if (m <= 1 || last < 0 || (long) m * (last + 1) <= NAIVE_LIMIT) {
            return text.lastIndexOf(target, from);
        }
        String reversed = reverse(target);
        int[] fallback = fallback(reversed);
        int matched = 0;
        int steps = 0;
        for (int i = last + m - 1; i >= 0; i--) {
            char c = text.charAt(i);
            while (matched > 0 && reversed.charAt(matched) != c) {
                matched = fallback[matched - 1];
            }
            if (reversed.charAt(matched) == c && ++matched == m) {
                return i;
            }
            if (++steps == CHECK_EVERY) {
                steps = 0;
                ExpressionStrings.stopIfInterrupted();
            }
        }
        return -1;
    }

    /** For each prefix of the pattern, the length of its longest proper prefix that is also its suffix. */
    private static int[] fallback(String pattern) {
        int[] table = new int[pattern.length()];
        int k = 0;
        for (int i = 1; i < pattern.length(); i++) {
            while (k > 0 && pattern.charAt(i) != pattern.charAt(k)) {
                k = table[k - 1];
            }
            if (pattern.charAt(i) == pattern.charAt(k)) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }

    /** The characters in reverse order, surrogate pairs included (unlike StringBuilder.reverse). */
    private static String reverse(String s) {
        char[] chars = new char[s.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = s.charAt(chars.length - 1 - i);
        }
        return new String(chars);
    }
}
