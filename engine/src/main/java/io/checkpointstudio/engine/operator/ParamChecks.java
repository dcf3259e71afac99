package io.checkpointstudio.engine.operator;

import io.checkpointstudio.engine.config.Durations;
import io.checkpointstudio.engine.job.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks a raw JSON parameter value against its descriptor. */
public final class ParamChecks {
    private ParamChecks() {
    }

    /** Problems as (sub-path, message) pairs; sub-path is appended to the parameter's path (often empty). */
    public record Finding(String subPath, String message) {
    }

    public static List<Finding> check(ParamDescriptor p, Object value) {
        List<Finding> out = new ArrayList<>();
        if (value == null) {
            if (p.required() && p.defaultValue() == null) {
                out.add(new Finding("", "is required: " + decapitalize(p.summary().isEmpty() ? p.label() : p.summary())));
            }
            return out;
        }
        switch (p.type()) {
            case STRING, PATH, FIELD -> {
                if (!(value instanceof String s)) {
                    out.add(new Finding("", "must be a string, not " + describe(value)));
                } else if (p.required() && s.isBlank()) {
                    out.add(new Finding("", "must not be empty"));
                }
            }
            case EXPRESSION -> {
                if (!(value instanceof String s) || s.isBlank()) {
                    out.add(new Finding("", "must be a Java expression as a string, not " + describe(value)));
                }
            }
            case LONG -> {
                Long v = asLong(value);
                if (v == null) {
                    out.add(new Finding("", "must be a whole number, not " + describe(value)));
                } else {
                    checkRange(p, v, out);
                }
            }
            case DOUBLE -> {
                Double v = asDouble(value);
                if (v == null) {
                    out.add(new Finding("", "must be a number, not " + describe(value)));
                } else {
                    checkRange(p, v, out);
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean) && !(value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")))) {
                    out.add(new Finding("", "must be true or false, not " + describe(value)));
                }
            }
            case DURATION -> {
                if (value instanceof Number n) {
                    checkRange(p, n.doubleValue(), out);
                } else {
                    try {
                        long ms = Durations.parse(value.toString()).toMillis();
                        checkRange(p, ms, out);
                    } catch (RuntimeException e) {
                        out.add(new Finding("", e.getMessage()));
                    }
                }
            }
            case ENUM -> {
                String s = value.toString().trim().toUpperCase(Locale.ROOT);
                if (!p.enumValues().contains(s)) {
                    String suggestion = Suggestions.closest(s, p.enumValues());
                    out.add(new Finding("", "'" + value + "' is not one of " + String.join(", ", p.enumValues())
                            + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")));
                }
            }
            case FIELD_EXPRESSIONS -> {
                if (!(value instanceof Map<?, ?> m)) {
                    out.add(new Finding("", "must be an object of output field name to expression, such as {\"userId\": \"userId\", \"clicks\": \"1L\"}"));
                } else {
                    if (p.required() && m.isEmpty()) {
                        out.add(new Finding("", "needs at least one output field"));
                    }
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        String name = String.valueOf(e.getKey());
                        if (!FieldNames.isValid(name)) {
                            out.add(new Finding("." + name, FieldNames.problem(name)));
                        }
                        if (!(e.getValue() instanceof String s) || s.isBlank()) {
                            out.add(new Finding("." + name, "must be a Java expression as a string"));
                        }
                    }
                }
            }
            case SCHEMA -> {
                List<String> errors = new ArrayList<>();
                var schema = Params.parseSchema(value, errors);
                for (String e : errors) {
                    int sep = e.indexOf('\u0000');
                    out.add(new Finding(e.substring(0, sep), e.substring(sep + 1)));
                }
                if (errors.isEmpty() && schema.size() == 0 && p.required()) {
                    out.add(new Finding("", "declare at least one field"));
                }
            }
        }
        return out;
    }

    /** "The field ..." and "A Java ..." start in lower case after "is required: "; "JSON ..." stays as it is. */
    private static String decapitalize(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && !Character.isUpperCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }

    private static void checkRange(ParamDescriptor p, double v, List<Finding> out) {
        if (p.min() != null && v < p.min()) {
            out.add(new Finding("", "must be at least " + format(p.min()) + ", not " + format(v)));
        }
        if (p.max() != null && v > p.max()) {
            out.add(new Finding("", "must be at most " + format(p.max()) + ", not " + format(v)));
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static Long asLong(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Double asDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        return String.valueOf(v);
    }
}
