package io.checkpointstudio.engine.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the document's structure indented, one key per line, and every leaf value (including small
 * lists and maps such as edges or a map operator's fields) compactly on its line, which keeps diffs short.
 */
final class JsonTextWriter {
    private final StringBuilder out = new StringBuilder();
    private int depth;
    private boolean first = true;

    void beginObject() {
        openContainer(null, '{');
    }

    void beginObject(String name) {
        openContainer(name, '{');
    }

    void beginArray(String name) {
        openContainer(name, '[');
    }

    void endObject() {
        closeContainer('}');
    }

    void endArray() {
        closeContainer(']');
    }

    void field(String name, Object value) {
        separator();
        out.append(quote(name)).append(": ").append(compact(value));
    }

    void element(Object value) {
        separator();
        out.append(compact(value));
    }

    private void openContainer(String name, char bracket) {
        if (depth > 0) {
            separator();
        }
        if (name != null) {
            out.append(quote(name)).append(": ");
        }
        out.append(bracket);
        depth++;
        first = true;
    }

    private void closeContainer(char bracket) {
        depth--;
        if (!first) {
            newline();
        }
        out.append(bracket);
        first = false;
        if (depth == 0) {
            out.append('\n');
        }
    }

    private void separator() {
        if (!first) {
            out.append(',');
        }
        newline();
        first = false;
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(depth));
    }

    private static String quote(String s) {
        return compact(s);
    }

    /**
     * One line of JSON with a space after each comma and colon: {@code ["a", "b"]}, {@code [40, 120]},
     * {@code {"userId": "userId", "clicks": "1L"}}. The spaces are written between values, never by editing
     * the text, so strings such as {@code ":"} in an expression are kept exactly.
     */
    private static String compact(Object value) {
        StringBuilder sb = new StringBuilder();
        appendCompact(sb, value);
        return sb.toString();
    }

    private static void appendCompact(StringBuilder sb, Object value) {
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            String separator = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(separator).append(scalar(String.valueOf(e.getKey()))).append(": ");
                appendCompact(sb, e.getValue());
                separator = ", ";
            }
            sb.append('}');
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            String separator = "";
            for (Object element : list) {
                sb.append(separator);
                appendCompact(sb, element);
                separator = ", ";
            }
            sb.append(']');
        } else {
            sb.append(scalar(value));
        }
    }

    private static String scalar(Object value) {
        try {
            return JobDocuments.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
