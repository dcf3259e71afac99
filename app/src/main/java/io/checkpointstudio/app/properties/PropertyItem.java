package io.checkpointstudio.app.properties;

import java.util.List;

/**
 * One editable property, generated from an operator parameter or a configuration option descriptor:
 * what the panel needs to build an editor of the right kind, show the default and find the help text.
 *
 * @param key         the parameter name, or the configuration key as the document writes it
 * @param value       the current value in the document, null when unset (the default applies)
 * @param defaultText the default in the document's syntax, or null when there is none
 * @param helpKey     {@code config/<key>} or {@code operators/<type>}, a Markdown file in ui-resources
 */
public record PropertyItem(
        String key,
        String label,
        String group,
        Kind kind,
        Object value,
        String defaultText,
        List<String> choices,
        Double min,
        Double max,
        boolean required,
        String summary,
        String helpKey) {

    /** The editor kinds; each has one editor in {@link EditorFactory}. */
    public enum Kind {
        TEXT, INTEGER, DECIMAL, BOOLEAN, DURATION, CHOICE, FIELD, EXPRESSION, FIELD_EXPRESSIONS, SCHEMA, FILE, FOLDER, MEMORY
    }

    public PropertyItem {
        choices = choices == null ? List.of() : List.copyOf(choices);
        summary = summary == null ? "" : summary;
    }

    /** The key as a CSS-safe id part: dots become dashes ({@code prop-execution-checkpointing-interval}). */
    public static String idFor(String key) {
        return key.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    public boolean isSet() {
        return value != null;
    }

    /** "1 – 32768", "at least 0", or "" when the number is unbounded. */
    public String rangeText() {
        if (min != null && max != null) {
            return "from " + number(min) + " to " + number(max);
        }
        if (min != null) {
            return "at least " + number(min);
        }
        if (max != null) {
            return "at most " + number(max);
        }
        return "";
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
