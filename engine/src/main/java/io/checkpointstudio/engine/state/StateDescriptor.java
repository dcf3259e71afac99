package io.checkpointstudio.engine.state;

import java.util.ArrayList;
import java.util.List;

/**
 * A named keyed state and the types of its keys and values. Its signature ({@code map<long,long,row(...)>})
 * is stored with the state in every snapshot; restoring into a state of another signature is an error.
 *
 * @param userKey the map key serializer (MAP only, else null)
 */
public record StateDescriptor(String name, StateKind kind, StateSerializer<?> key, StateSerializer<?> userKey, StateSerializer<?> value) {

    public String signature() {
        return kind.name().toLowerCase() + "<" + key.signature() + (userKey == null ? "" : "," + userKey.signature()) + ","
                + value.signature() + ">";
    }

    /** The descriptor a stored signature describes. */
    public static StateDescriptor parse(String name, String signature) {
        int open = signature.indexOf('<');
        StateKind kind = StateKind.valueOf(signature.substring(0, open).toUpperCase());
        List<String> parts = splitTopLevel(signature.substring(open + 1, signature.length() - 1));
        StateSerializer<?> key = StateSerializer.parse(parts.get(0));
        if (kind == StateKind.MAP) {
            return new StateDescriptor(name, kind, key, StateSerializer.parse(parts.get(1)), StateSerializer.parse(parts.get(2)));
        }
        return new StateDescriptor(name, kind, key, null, StateSerializer.parse(parts.get(1)));
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
