package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "operators", mixinStandardHelpOptions = true,
        description = "Lists every operator type with its parameters (the same descriptors the designer's palette shows).")
final class OperatorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print Markdown (as in the README).")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Category c : Category.values()) {
            for (OperatorDescriptor d : OperatorRegistry.standard().inCategory(c)) {
                if (markdown) {
                    out.println("- **`" + d.type() + "`** (" + c.displayName().toLowerCase() + ") — " + d.summary() + ". Parameters: "
                            + (d.params().isEmpty() ? "none" : String.join(", ", d.params().stream().map(OperatorsCommand::param).toList())));
                } else {
                    out.println(d.type() + "  [" + c.displayName() + "]  " + d.summary());
                    for (ParamDescriptor p : d.params()) {
                        out.println("    " + param(p) + "  " + p.summary());
                    }
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String param(ParamDescriptor p) {
        String s = "`" + p.name() + "`";
        if (p.required()) {
            s += " (required)";
        } else if (p.defaultValue() != null) {
            s += " = " + p.defaultValue();
        }
        return s;
    }
}
