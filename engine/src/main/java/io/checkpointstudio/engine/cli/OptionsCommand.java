package io.checkpointstudio.engine.cli;

import io.checkpointstudio.engine.config.ConfigOption;
import io.checkpointstudio.engine.config.ConfigOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "options", mixinStandardHelpOptions = true,
        description = "Lists every configuration key a job's config may set, with its default, older names and meaning.")
final class OptionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print a Markdown table (as in the README).")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConfigOption.Group group = null;
        for (ConfigOption<?> o : ConfigOptions.all()) {
            if (o.group() != group) {
                group = o.group();
                if (markdown) {
                    out.println();
                    out.println("**" + group.displayName() + "**");
                    out.println();
                    out.println("| key | default | values | meaning |");
                    out.println("|---|---|---|---|");
                } else {
                    out.println();
                    out.println(group.displayName());
                }
            }
            String values = o.allowedValues().isEmpty() ? o.type().example() : String.join(", ", o.allowedValues());
            String older = o.deprecatedKeys().isEmpty() ? "" : " (older name: " + String.join(", ", o.deprecatedKeys()) + ")";
            if (markdown) {
                out.println("| `" + o.key() + "`" + (older.isEmpty() ? "" : "<br>" + older.trim()) + " | `" + o.formatDefault() + "` | "
                        + values + " | " + o.summary() + " |");
            } else {
                out.println("  " + o.key() + " = " + o.formatDefault() + older);
                out.println("      " + o.summary());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
