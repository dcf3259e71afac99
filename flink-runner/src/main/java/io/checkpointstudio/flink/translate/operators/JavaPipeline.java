package io.checkpointstudio.flink.translate.operators;

import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.engine.job.ValidatedOperator;
import io.checkpointstudio.engine.record.Field;
import io.checkpointstudio.engine.record.Schema;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of the exported {@code main} method under construction, as the operators' translations see it:
 * the lines written so far, each operator's stream variable, and what the code needs beyond the template
 * (imports, the helper classes and dependencies of a connector).
 */
public final class JavaPipeline {
    private final ValidatedJob job;
    private final StringBuilder code = new StringBuilder();
    private final Map<String, String> variables = new HashMap<>();
    private final Set<String> imports = new TreeSet<>();
    private final Set<ExportedConnector> connectors = EnumSet.noneOf(ExportedConnector.class);

    public JavaPipeline(ValidatedJob job) {
        this.job = job;
    }

    public String jobName() {
        return job.document().name();
    }

    /**
     * Names the variable of the operator's stream after its id (camel case, ending in {@code Stream}, so it
     * cannot be a field's name, which expressions read as local variables), unique in the program.
     */
    public String declare(ValidatedOperator op) {
        StringBuilder s = new StringBuilder();
        boolean upper = false;
        for (char c : op.id().toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = s.length() > 0;
            }
        }
        String name = (s.length() == 0 || !Character.isJavaIdentifierStart(s.charAt(0)) ? "op" + s : s.toString()) + "Stream";
        while (variables.containsValue(name) || List.of("env", "conf", "args").contains(name)) {
            name = name + "_";
        }
        variables.put(op.id(), name);
        return name;
    }

    /** The variable {@link #declare} named for the operator. */
    public String variable(ValidatedOperator op) {
        return variables.get(op.id());
    }

    /** The operator's input: its upstream variable, or their union. */
    public String input(ValidatedOperator op) {
        List<String> ins = op.inputs().stream().map(variables::get).toList();
        return ins.size() == 1 ? ins.get(0) : ins.get(0) + ".union(" + String.join(", ", ins.subList(1, ins.size())) + ")";
    }

    /** One line of code, {@code indent} levels of four spaces deep. */
    public void line(int indent, String text) {
        code.append(" ".repeat(indent * 4)).append(text).append('\n');
    }

    public void blankLine() {
        code.append('\n');
    }

    /** One local variable per field of a row {@code r$}, named after it, so an expression reads as written. */
    public void locals(Schema schema, int indent) {
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            line(indent, f.type().javaType().getSimpleName() + " " + f.name() + " = r$.getFieldAs(" + i + ");");
        }
    }

    /** Classes the code uses beyond the template's imports. */
    public void imports(String... classNames) {
        Collections.addAll(imports, classNames);
    }

    /** The code uses a connector: its helper class is written beside {@code Main.java}, its libraries go into the pom. */
    public void uses(ExportedConnector connector) {
        connectors.add(connector);
    }

    public String code() {
        return code.toString();
    }

    public Set<String> imports() {
        return Collections.unmodifiableSet(imports);
    }

    public Set<ExportedConnector> connectors() {
        return Collections.unmodifiableSet(connectors);
    }
}
