package io.checkpointstudio.engine.expression;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the name a person most likely meant when they mistyped one ("did you mean `userId`?"). */
final class NameSuggestion {
    private NameSuggestion() {
    }

    static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= tolerance(typed) ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean `x`?)", or empty. */
    static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(c -> " (did you mean `" + c + "`?)").orElse("");
    }

    private static int tolerance(String typed) {
        return typed.length() <= 3 ? 1 : typed.length() <= 7 ? 2 : 3;
    }

    private static int distance(String a, String b) {
        return io.checkpointstudio.engine.job.Suggestions.distance(a, b);
    }
}
