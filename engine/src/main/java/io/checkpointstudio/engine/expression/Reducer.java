package io.checkpointstudio.engine.expression;

/**
 * A compiled reduce function {@code (acc, value) -> result}. A reducer is compiled for one field type and
 * implements only the method of that type; the others throw. Stateless; may be shared between threads.
 */
public interface Reducer {
    default long reduceLong(long acc, long value) {
        throw unsupported("long");
    }

    default double reduceDouble(double acc, double value) {
        throw unsupported("double");
    }

    default boolean reduceBoolean(boolean acc, boolean value) {
        throw unsupported("boolean");
    }

    default String reduceString(String acc, String value) {
        throw unsupported("string");
    }

    private UnsupportedOperationException unsupported(String type) {
        return new UnsupportedOperationException("this reducer was not compiled for " + type + " values");
    }
}
