package io.checkpointstudio.app.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Shows the small Markdown subset of the help texts (headings, paragraphs, bullets, tables, `code`,
 * **bold**) as styled text; enough for help, no HTML engine needed.
 */
public final class MarkdownView extends TextFlow {
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\*\\*([^*]+)\\*\\*");

    public MarkdownView() {
        getStyleClass().add("cs-markdown");
        setLineSpacing(2);
    }

    public void setMarkdown(String markdown) {
        getChildren().clear();
        List<String> paragraph = new ArrayList<>();
        for (String raw : markdown.split("\n", -1)) {
            String line = raw.stripTrailing();
            if (line.startsWith("#")) {
                flush(paragraph);
                int level = (int) line.chars().takeWhile(c -> c == '#').count();
                add(line.substring(level).trim() + "\n", level == 1 ? "cs-help-h1" : "cs-help-h2");
            } else if (line.startsWith("|")) {
                flush(paragraph);
                if (!line.matches("^\\|[\\s|:-]+\\|?$")) {
                    String cells = String.join("   ", java.util.Arrays.stream(line.split("\\|"))
                            .map(String::trim).filter(s -> !s.isEmpty()).toList());
                    inline(cells);
                    add("\n", "cs-help-text");
                }
            } else if (line.matches("^\\s*[-*] .*")) {
                flush(paragraph);
                add("  •  ", "cs-help-text");
                inline(line.replaceFirst("^\\s*[-*] ", ""));
                add("\n", "cs-help-text");
            } else if (line.isBlank()) {
                flush(paragraph);
                if (!getChildren().isEmpty() && !((Text) getChildren().get(getChildren().size() - 1)).getText().endsWith("\n\n")) {
                    add("\n", "cs-help-text");
                }
            } else {
                paragraph.add(line.trim());
            }
        }
        flush(paragraph);
    }

    private void flush(List<String> paragraph) {
        if (!paragraph.isEmpty()) {
            inline(String.join(" ", paragraph));
            add("\n", "cs-help-text");
            paragraph.clear();
        }
    }

    private void inline(String s) {
        Matcher m = INLINE.matcher(s);
        int at = 0;
        while (m.find()) {
            add(s.substring(at, m.start()), "cs-help-text");
            if (m.group(1) != null) {
                add(m.group(1), "cs-help-code");
            } else {
                add(m.group(2), "cs-help-h2");
            }
            at = m.end();
        }
        add(s.substring(at), "cs-help-text");
    }

    private void add(String text, String style) {
        if (text.isEmpty()) {
            return;
        }
        Text t = new Text(text);
        t.getStyleClass().add(style);
        getChildren().add(t);
    }
}
