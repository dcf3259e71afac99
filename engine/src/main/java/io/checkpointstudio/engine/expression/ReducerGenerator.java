package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.FieldType;

/** Generates a {@link Reducer} whose method for the given type returns the expression over its two parameters. */
final class ReducerGenerator {
    private ReducerGenerator() {
    }

    static Reducer generate(AnalyzedExpression expression, FieldType type, String accName, String valueName)
            throws ExpressionException {
        String javaType = GeneratedSource.javaType(type);
        String method = switch (type) {
            case LONG -> "reduceLong";
            case DOUBLE -> "reduceDouble";
            case BOOLEAN -> "reduceBoolean";
            case STRING -> "reduceString";
        };
        GeneratedSource src = new GeneratedSource("GeneratedReducer");
        src.line("public final class GeneratedReducer implements " + Reducer.class.getName() + " {");
        src.line("public " + javaType + " " + method + "(final " + javaType + " " + accName + ", final "
                + javaType + " " + valueName + ") {");
        src.line("return (");
        src.expression("", expression);
        src.line(");");
        src.line("}");
        src.line("}");
        return src.instantiate(Reducer.class);
    }
}
