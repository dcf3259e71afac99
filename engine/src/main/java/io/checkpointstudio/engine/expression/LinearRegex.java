package io.checkpointstudio.engine.expression;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Regular expressions that run in time linear in their input (RE2/J: no backtracking, so no pattern can make a
 * match take exponential time, as {@code (.*a){20}} does with {@code java.util.regex}). The syntax is RE2's:
 * Java's without look-around, back-references and possessive quantifiers.
 *
 * <p>RE2 expands counted repetitions when it compiles ({@code ((a{1000}){1000}){1000}} would need gigabytes),
 * so a pattern whose expanded size exceeds {@link #MAX_SIZE} is refused before it is compiled. Compiled patterns
 * are cached by their text, so a pattern is compiled once, not once per record.
 */
public final class LinearRegex {
    /** The largest expanded size of a pattern: about as many character tests as its compiled program has. */
    public static final int MAX_SIZE = 10_000;

    private static final int CACHE_LIMIT = 512;
    private static final ConcurrentMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private LinearRegex() {
    }

    /**
     * The compiled pattern, from the cache when it was compiled before.
     *
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    public static Pattern compile(String regex) {
        Pattern cached = CACHE.get(regex);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = compileUncached(regex);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear(); // patterns read from records could otherwise fill the heap; literals come back at once
        }
        CACHE.put(regex, compiled);
        return compiled;
    }

    /** Why {@code regex} cannot be used (one line), or null when it can. */
    public static String problem(String regex) {
        try {
            compile(regex);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Pattern compileUncached(String regex) {
        long size = RegexSize.estimate(regex);
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("the regular expression `" + abbreviate(regex) + "` is too large: its"
                    + " repetitions expand to about " + size + " steps, at most " + MAX_SIZE + " are allowed;"
                    + " use smaller counts in {n,m}");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the regular expression `" + abbreviate(regex) + "` is not valid: "
                    + e.getDescription() + " (RE2 syntax: Java's without look-around, back-references and"
                    + " possessive quantifiers)", e);
        }
    }

    private static String abbreviate(String regex) {
        return regex.length() <= 80 ? regex : regex.substring(0, 77) + "...";
    }
}
