package io.checkpointstudio.engine.operator;

import java.util.Set;

/** Field names must be Java identifiers (expressions refer to them directly) and not Java keywords. */
public final class FieldNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield");

    private FieldNames() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || name.contains("$")) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return !KEYWORDS.contains(name);
    }

    public static String problem(String name) {
        if (KEYWORDS.contains(name)) {
            return "'" + name + "' is a Java keyword and cannot name a field; expressions could not refer to it";
        }
        return "'" + name + "' is not a valid field name: use letters, digits and _ and start with a letter (expressions refer to fields by name)";
    }
}
