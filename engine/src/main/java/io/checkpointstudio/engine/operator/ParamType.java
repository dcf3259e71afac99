package io.checkpointstudio.engine.operator;

/** The kinds of operator parameters; each has one editor in the property panel. */
public enum ParamType {
    /** Free text. */
    STRING,
    /** A whole number. */
    LONG,
    /** A decimal number. */
    DOUBLE,
    BOOLEAN,
    /** A Flink-style duration such as {@code 500ms}, {@code 30s}, {@code 3min}. */
    DURATION,
    /** One of a fixed list of values. */
    ENUM,
    /** The name of a field of the operator's input. */
    FIELD,
    /** A Java expression over the input's fields. */
    EXPRESSION,
    /** An object of output field name to Java expression, in order. */
    FIELD_EXPRESSIONS,
    /** A list of field declarations {@code [{"name": "userId", "type": "long"}, ...]}. */
    SCHEMA,
    /** A file or folder path. */
    PATH
}
