package io.checkpointstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No project class is written with its package inside the app's code: an import names every dependency at
 * the top of the file, where readers and tools (the package-cycle count, ArchUnit's view of the sources)
 * find it. Comments and string literals do not count.
 */
class QualifiedNamesTest {
    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.checkpointstudio(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*");
    private static final Pattern NOT_CODE = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])+'",
            Pattern.DOTALL);

    @Test
    void theAppsCodeImportsTheProjectClassesItUses() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    found.addAll(qualifiedNames(f));
                }
            }
        }
        assertThat(found).as("project classes written with their package; import them instead").isEmpty();
    }

    @Test
    void theCheckFindsAQualifiedNameInCodeButNotInCommentsOrStrings() {
        assertThat(qualifiedNames("class A {\n  void f() { io.checkpointstudio.app.shell.Theme.apply(null, false); }\n}\n"))
                .containsExactly("line 2: io.checkpointstudio.app.shell.Theme");
        assertThat(qualifiedNames("import io.checkpointstudio.app.shell.Theme;\n/** {@link io.checkpointstudio.app.shell.Theme} */\n"
                + "class A { String s = \"io.checkpointstudio.app.shell.Theme\"; } // io.checkpointstudio.app.shell.Theme\n")).isEmpty();
    }

    private static List<String> qualifiedNames(Path file) throws IOException {
        return qualifiedNames(Files.readString(file)).stream().map(s -> file + " " + s).toList();
    }

    /** The qualified project names in code, as "line N: name"; package and import lines, comments and strings are skipped. */
    static List<String> qualifiedNames(String source) {
        StringBuilder code = new StringBuilder();
        Matcher skip = NOT_CODE.matcher(source);
        int at = 0;
        while (skip.find()) {
            code.append(source, at, skip.start());
            code.append(skip.group().replaceAll("[^\\n]", " ")); // keeps the line numbers
            at = skip.end();
        }
        code.append(source.substring(at));
        List<String> found = new ArrayList<>();
        String[] lines = code.toString().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("package ") || line.startsWith("import ")) {
                continue;
            }
            Matcher m = QUALIFIED.matcher(lines[i]);
            while (m.find()) {
                found.add("line " + (i + 1) + ": " + m.group());
            }
        }
        return found;
    }
}
