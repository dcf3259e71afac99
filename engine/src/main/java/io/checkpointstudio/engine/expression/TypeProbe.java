package io.checkpointstudio.engine.expression;

import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.codehaus.janino.Java;

/**
 * Finds the field type an expression yields by letting Janino compile it, in one run, as the result of methods
 * returning Object, boolean, long, double and String. Java's own assignment rules then decide: an int, char or
 * long expression fits {@code long} (so yields LONG), a float fits {@code double}, and so on; the first fit in
 * the order boolean, long, double, String is the type. The Object method comes first and accepts every valid
 * expression, so its errors are the expression's own. Nothing is loaded: a probe costs about a millisecond.
 */
final class TypeProbe {
    private static final String CLASS_NAME = "ExpressionProbe";
    private static final String ANY = "Object";
    private static final List<FieldType> ORDER = List.of(FieldType.BOOLEAN, FieldType.LONG, FieldType.DOUBLE, FieldType.STRING);

    /** One probe method: its return type and the lines it spans in the generated source. */
    private record Probe(String returnType, int firstLine, int lastLine) {
        boolean contains(JaninoRun.Error error) {
            return error.line() >= firstLine && error.line() <= lastLine;
        }

        String methodName() {
            return "$" + returnType;
        }
    }

    /** Probe methods compiled in one run. */
    private record Run(GeneratedSource source, JaninoRun janino, List<Probe> probes) {
        Probe probe(String returnType) {
            return probes.stream().filter(p -> p.returnType().equals(returnType)).findFirst().orElseThrow();
        }

        List<JaninoRun.Error> errorsOf(String returnType) {
            Probe probe = probe(returnType);
            return janino.errors().stream().filter(probe::contains).toList();
        }

        boolean fits(String returnType) {
            return errorsOf(returnType).isEmpty() && !janino.aborted();
        }
    }

    private TypeProbe() {
    }

    /** The type of the expression over the given variables, which must be all the names it reads. */
    static FieldType typeOf(ParsedExpression expression, List<Field> variables) throws ExpressionException {
        List<String> returnTypes = new ArrayList<>();
        returnTypes.add(ANY);
        ORDER.forEach(t -> returnTypes.add(GeneratedSource.javaType(t)));
        Run run = compile(expression, variables, returnTypes);

        List<JaninoRun.Error> ownErrors = run.errorsOf(ANY);
        if (!ownErrors.isEmpty()) {
            throw new ExpressionException(run.source().errors(ownErrors));
        }
        boolean unlocated = run.janino().errors().stream().anyMatch(e -> e.line() == 0);
        if (run.janino().unit() == null || unlocated) {
            throw new ExpressionException(run.source().errors(run.janino().errors()));
        }
        List<ExpressionError> callErrors = ResolvedCalls.check(
                returnValue(run.janino(), run.probe(ANY).methodName()), run.janino().compiler(), run.source());
        if (!callErrors.isEmpty()) {
            throw new ExpressionException(callErrors);
        }
        for (FieldType type : ORDER) {
            String javaType = GeneratedSource.javaType(type);
            // When Janino gave up part-way, the probes it did not reach are compiled one by one.
            boolean fits = run.janino().aborted()
                    ? compile(expression, variables, List.of(javaType)).fits(javaType)
                    : run.fits(javaType);
            if (fits) {
                return type;
            }
        }
        Optional<String> javaType = run.errorsOf("String").stream()
                .map(e -> JaninoMessages.unconvertibleType(e.message()))
                .flatMap(Optional::stream)
                .findFirst();
        throw new ExpressionException("expression yields " + javaType.orElse("a value of another type")
                + "; a field must be long, double, boolean or string", 1);
    }

    private static Run compile(ParsedExpression expression, List<Field> variables, List<String> returnTypes) {
        String parameters = variables.stream()
                .map(f -> GeneratedSource.javaType(f.type()) + " " + f.name())
                .collect(Collectors.joining(", "));
        GeneratedSource source = new GeneratedSource(CLASS_NAME);
        source.line("final class " + CLASS_NAME + " {");
        List<Probe> probes = new ArrayList<>();
        for (String returnType : returnTypes) {
            int first = source.nextLine();
            source.line("static " + returnType + " $" + returnType + "(" + parameters + ") { return (");
            source.expression("", expression);
            source.line("); }");
            probes.add(new Probe(returnType, first, source.nextLine() - 1));
        }
        source.line("}");
        return new Run(source, source.compile(), probes);
    }

    private static Java.Rvalue returnValue(JaninoRun run, String methodName) {
        Java.CompilationUnit unit = (Java.CompilationUnit) run.unit();
        Java.AbstractClassDeclaration probeClass =
                (Java.AbstractClassDeclaration) unit.getPackageMemberTypeDeclaration(CLASS_NAME);
        Java.MethodDeclarator method = probeClass.getMethodDeclaration(methodName);
        return ((Java.ReturnStatement) method.statements.get(0)).returnValue;
    }
}
