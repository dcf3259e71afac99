package io.checkpointstudio.flink.translate.operators;

import io.checkpointstudio.engine.record.FieldType;
import io.checkpointstudio.engine.record.Schema;
import java.util.stream.Collectors;

/** Java source text for values of a job: string and char literals, row types, field names and types. */
public final class JavaSyntax {
    private JavaSyntax() {
    }

    /** A string literal. */
    public static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** The char literal of a delimiter's first character ({@code ','} when there is none). */
    public static String chr(String s) {
        char c = s == null || s.isEmpty() ? ',' : s.charAt(0);
        return c == '\'' ? "'\\''" : c == '\\' ? "'\\\\'" : "'" + c + "'";
    }

    /** The {@code TypeInformation} of rows of the schema. */
    public static String type(Schema schema) {
        return "Types.ROW_NAMED(" + names(schema) + ", " + schema.fields().stream().map(f -> typeInfo(f.type())).collect(Collectors.joining(", ")) + ")";
    }

    /** The field names as a {@code String[]}. */
    public static String names(Schema schema) {
        return "new String[] {" + schema.names().stream().map(JavaSyntax::str).collect(Collectors.joining(", ")) + "}";
    }

    /** The field types' names ({@code long}, {@code string}, ...) as a {@code String[]}. */
    public static String typeNames(Schema schema) {
        return "new String[] {" + schema.fields().stream().map(f -> str(f.type().jsonName())).collect(Collectors.joining(", ")) + "}";
    }

    public static String typeInfo(FieldType type) {
        return "Types." + switch (type) {
            case LONG -> "LONG";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> "STRING";
        };
    }

    /** The boxed Java type of a field's values. */
    public static String boxed(FieldType type) {
        return switch (type) {
            case LONG -> "Long";
            case DOUBLE -> "Double";
            case BOOLEAN -> "Boolean";
            case STRING -> "String";
        };
    }

    /** An expression converted to the field's type. */
    public static String cast(FieldType type, String expression) {
        return switch (type) {
            case LONG -> "(long) (" + expression + ")";
            case DOUBLE -> "(double) (" + expression + ")";
            default -> "(" + expression + ")";
        };
    }
}
