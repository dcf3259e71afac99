package io.checkpointstudio.app.snapshots;

import java.util.Comparator;
import java.util.Locale;

/** Ordering and searching of state keys, which are mostly numbers written as text. */
final class Keys {
    /** Numbers by value, then everything else as text, so user 9 comes before user 10. */
    static final Comparator<String> NATURAL = (a, b) -> {
        Long x = asLong(a);
        Long y = asLong(b);
        if (x != null && y != null) {
            return Long.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private Keys() {
    }

    static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static Long asLong(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
