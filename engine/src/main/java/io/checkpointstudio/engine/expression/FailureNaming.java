package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.FieldType;

/**
 * Wraps compiled filters and reducers so that an exception thrown while they run becomes an
 * {@link ExpressionFailedException} that names the expression (projections do the same per column). Costs a
 * call per batch (per record for a reducer) that the JIT inlines, and nothing else while nothing fails.
 */
final class FailureNaming {
    private FailureNaming() {
    }

    /** "operator 'x' (filter): condition", or just "condition" without an owner. */
    static String where(String owner, String what) {
        return owner == null || owner.isEmpty() ? what : owner + ": " + what;
    }

    static BatchFilter filter(BatchFilter filter, String where, String expression) {
        return batch -> {
            try {
                return filter.filter(batch);
            } catch (RuntimeException e) {
                throw new ExpressionFailedException(where, expression, e);
            }
        };
    }

    /** Wraps the one method the reducer was compiled for; the others still say it was not. */
    static Reducer reducer(Reducer reducer, FieldType type, String where, String expression) {
        return switch (type) {
            case LONG -> new Reducer() {
                @Override
                public long reduceLong(long acc, long value) {
                    try {
                        return reducer.reduceLong(acc, value);
                    } catch (RuntimeException e) {
                        throw new ExpressionFailedException(where, expression, e);
                    }
                }
            };
            case DOUBLE -> new Reducer() {
                @Override
                public double reduceDouble(double acc, double value) {
                    try {
                        return reducer.reduceDouble(acc, value);
                    } catch (RuntimeException e) {
                        throw new ExpressionFailedException(where, expression, e);
                    }
                }
            };
            case BOOLEAN -> new Reducer() {
                @Override
                public boolean reduceBoolean(boolean acc, boolean value) {
                    try {
                        return reducer.reduceBoolean(acc, value);
                    } catch (RuntimeException e) {
                        throw new ExpressionFailedException(where, expression, e);
                    }
                }
            };
            case STRING -> new Reducer() {
                @Override
                public String reduceString(String acc, String value) {
                    try {
                        return reducer.reduceString(acc, value);
                    } catch (RuntimeException e) {
                        throw new ExpressionFailedException(where, expression, e);
                    }
                }
            };
        };
    }
}
