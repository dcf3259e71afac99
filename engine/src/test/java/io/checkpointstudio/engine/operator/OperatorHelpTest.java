package io.checkpointstudio.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.expression.ExpressionFunctions;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator type has a help text in ui-resources that matches its descriptor: title, summary, one
 * table row per parameter with the descriptor's default, the common sections, and an example that is a
 * valid job document using the operator. Every help text belongs to an operator type.
 */
class OperatorHelpTest {

    /** Relative to the engine module, which is the working directory of its tests. */
    private static final Path HELP_ROOT = Path.of("../ui-resources/src/main/resources/io/checkpointstudio/help/");

    private static final Pattern PARAM_ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]*) \\| .+ \\|$");

    /** The descriptors, named by their type in test reports. */
    static Stream<Named<OperatorDescriptor>> descriptors() {
        return OperatorRegistry.standard().all().stream().map(d -> Named.of(d.type(), d));
    }

    private static Path helpFile(OperatorDescriptor d) {
        return HELP_ROOT.resolve(d.helpKey() + ".md");
    }

    private static String read(OperatorDescriptor d) throws IOException {
        return Files.readString(helpFile(d), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void everyOperator_hasAHelpFileStartingWithDisplayNameAndSummary(OperatorDescriptor d) throws IOException {
        assertThat(helpFile(d)).exists();
        List<String> lines = Files.readAllLines(helpFile(d), StandardCharsets.UTF_8);

        assertThat(lines.get(0)).isEqualTo("# " + d.displayName());
        assertThat(lines.get(1)).isEmpty();
        assertThat(lines.get(2)).isEqualTo(d.summary() + ".");
        assertThat(lines.get(3)).as("the summary is one line").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void everyParameterName_appearsInTheHelpFile(OperatorDescriptor d) throws IOException {
        String text = read(d);

        assertThat(d.params()).isNotEmpty();
        for (ParamDescriptor p : d.params()) {
            assertThat(text).as(d.type() + " parameter " + p.name()).contains(p.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void everyHelpFile_hasTheSameSections(OperatorDescriptor d) throws IOException {
        String text = read(d);

        assertThat(text).contains("\n## What it does\n", "\n## Parameters\n", "\n## Output fields\n",
                "\n## State and checkpoints\n", "\n## Example\n");
        boolean expressions = d.params().stream()
                .anyMatch(p -> p.type() == ParamType.EXPRESSION || p.type() == ParamType.FIELD_EXPRESSIONS);
        if (expressions) {
            assertThat(text).contains("\n## Expressions\n");
        } else {
            assertThat(text).doesNotContain("## Expressions");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void parameterTable_hasOneRowPerParameterWithTheDescriptorsDefault(OperatorDescriptor d) throws IOException {
        List<String> names = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        for (String line : section(read(d), "Parameters").split("\n")) {
            Matcher m = PARAM_ROW.matcher(line);
            if (m.matches()) {
                names.add(m.group(1));
                defaults.add(m.group(2));
            }
        }

        assertThat(names).containsExactlyElementsOf(d.params().stream().map(ParamDescriptor::name).toList());
        for (int i = 0; i < names.size(); i++) {
            assertThat(defaults.get(i)).as(d.type() + " parameter " + names.get(i) + " default")
                    .isEqualTo(defaultCell(d.params().get(i)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void example_isAValidJobDocumentUsingTheOperator(OperatorDescriptor d) throws IOException {
        String example = section(read(d), "Example");
        int start = example.indexOf("```json\n");
        int end = example.indexOf("\n```", start + 1);
        assertThat(start).as("a ```json block in the example").isNotNegative();
        assertThat(end).isPositive();

        JobDocuments.ReadResult read = JobDocuments.parse(example.substring(start + "```json\n".length(), end));
        assertThat(read.problems()).filteredOn(Problem::isError).isEmpty();
        JobDocument doc = read.document().orElseThrow();
        assertThat(doc.operators()).extracting(OperatorSpec::type).contains(d.type());
        assertThat(JobValidator.standard().validate(doc).errors()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptors")
    void expressionHelp_namesEveryFunction(OperatorDescriptor d) throws IOException {
        if (!read(d).contains("\n## Expressions\n")) {
            return;
        }
        String expressions = section(read(d), "Expressions");
        List<String> functions = Arrays.stream(ExpressionFunctions.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).distinct().toList();

        assertThat(functions).isNotEmpty();
        for (String f : functions) {
            assertThat(expressions).as(d.type() + " names function " + f).contains("`" + f + "(");
        }
    }

    @Test
    void everyHelpFile_belongsToAnOperator() throws IOException {
        try (Stream<Path> files = Files.list(HELP_ROOT.resolve("operators"))) {
            List<String> types = files.map(f -> f.getFileName().toString().replaceFirst("\\.md$", "")).toList();
            assertThat(types).containsExactlyInAnyOrderElementsOf(OperatorRegistry.standard().types());
        }
    }

    /** The text of a {@code ## title} section, up to the next section. */
    private static String section(String text, String title) {
        int start = text.indexOf("\n## " + title + "\n");
        assertThat(start).as("section ## " + title).isNotNegative();
        int next = text.indexOf("\n## ", start + 1);
        return text.substring(start, next < 0 ? text.length() : next);
    }

    /** How the default column writes a parameter's default. */
    private static String defaultCell(ParamDescriptor p) {
        if (p.required()) {
            return "required";
        }
        if (p.defaultValue() == null) {
            return "none";
        }
        String value = String.valueOf(p.defaultValue());
        return value.isEmpty() ? "empty" : "`" + value + "`";
    }
}
