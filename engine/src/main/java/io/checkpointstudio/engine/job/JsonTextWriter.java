package io.checkpointstudio.engine.job;

import com.fasterxml.jackson.core.JsonProcessingException;

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

    private static String compact(Object value) {
        try {
            String json = JobDocuments.mapper().writeValueAsString(value);
            return json.replace("\",\"", "\", \"").replace("\":", "\": ").replace(",\"", ", \"").replace("],[", "], [");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
