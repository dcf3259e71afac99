package io.checkpointstudio.app.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a lesson file: Markdown whose first line is {@code # Title}, followed by a summary paragraph, then one
 * {@code ## Step title} section per step. In a step, a line starting with {@code @} is an action
 * ({@link LessonAction} lists them); every other line is the step's text. For example:
 * <pre>
 * # The checkpoint interval
 * How often Flink triggers a checkpoint.
 *
 * ## A checkpoint every 2 seconds
 * Press **Do it** to set the interval and run.
 * &#64;set execution.checkpointing.interval = 2s
 * &#64;run
 * &#64;wait checkpoints 2
 * &#64;point checkpoints-tab
 * </pre>
 */
public final class LessonParser {
    private LessonParser() {
    }

    /** Parses one lesson; {@code file} (e.g. {@code 02-checkpoint-interval.md}) gives its id; errors name the line. */
    public static Lesson parse(String file, String text) {
        String id = file.replaceFirst("\\.md$", "").replaceFirst("^\\d+-", "");
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        String title = null;
        StringBuilder summary = new StringBuilder();
        List<Lesson.Step> steps = new ArrayList<>();
        String stepTitle = null;
        StringBuilder body = new StringBuilder();
        List<LessonAction> actions = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String where = file + ":" + (n + 1) + ": ";
            if (line.startsWith("# ") && title == null) {
                title = line.substring(2).trim();
            } else if (line.startsWith("## ")) {
                if (title == null) {
                    throw new IllegalArgumentException(where + "a lesson starts with '# Title'");
                }
                if (stepTitle != null) {
                    steps.add(new Lesson.Step(stepTitle, body.toString().strip(), actions));
                }
                stepTitle = line.substring(3).trim();
                body = new StringBuilder();
                actions = new ArrayList<>();
            } else if (line.startsWith("@")) {
                if (stepTitle == null) {
                    throw new IllegalArgumentException(where + "an action belongs in a step ('## Step title' first)");
                }
                try {
                    actions.add(action(line.substring(1).trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + e.getMessage(), e);
                }
            } else if (stepTitle != null) {
                body.append(line).append('\n');
            } else if (title != null) {
                summary.append(line).append('\n');
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException(where + "a lesson starts with '# Title'");
            }
        }
        if (title == null) {
            throw new IllegalArgumentException(file + ": a lesson starts with '# Title'");
        }
        if (stepTitle != null) {
            steps.add(new Lesson.Step(stepTitle, body.toString().strip(), actions));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(file + ": a lesson has at least one '## Step'");
        }
        return new Lesson(id, title, summary.toString().strip(), steps);
    }

    static LessonAction action(String text) {
        String[] words = text.split("\\s+", 2);
        LessonAction.Kind kind = LessonAction.Kind.ofWord(words[0]);
        String rest = words.length > 1 ? words[1].trim() : "";
        return switch (kind) {
            case SET -> {
                int eq = rest.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("@set KEY = VALUE, not '" + text + "'");
                }
                yield new LessonAction(kind, rest.substring(0, eq).trim(), rest.substring(eq + 1).trim());
            }
            case PARAM -> {
                int eq = rest.indexOf('=');
                String[] left = eq < 0 ? new String[0] : rest.substring(0, eq).trim().split("\\s+");
                if (left.length != 2) {
                    throw new IllegalArgumentException("@param OPERATOR PARAM = VALUE, not '" + text + "'");
                }
                yield new LessonAction(kind, left[0] + " " + left[1], rest.substring(eq + 1).trim());
            }
            case RUN, CANCEL, CRASH, RESUME, SAVEPOINT, STOP_WITH_SAVEPOINT -> {
                if (!rest.isEmpty()) {
                    throw new IllegalArgumentException("@" + kind.word() + " takes nothing, not '" + rest + "'");
                }
                yield new LessonAction(kind, "", "");
            }
            case FAIL_CHECKPOINT -> new LessonAction(kind, "", number(rest.isEmpty() ? "1" : rest, text));
            case FAIL_AFTER, SLOW -> {
                String[] p = rest.split("\\s+");
                if (p.length != 2) {
                    throw new IllegalArgumentException("@" + kind.word() + " OPERATOR NUMBER, not '" + text + "'");
                }
                yield new LessonAction(kind, p[0], number(p[1], text));
            }
            case WAIT -> {
                String[] p = rest.split("\\s+");
                if (!LessonAction.WAIT_CONDITIONS.contains(p[0])) {
                    throw new IllegalArgumentException("@wait " + LessonAction.WAIT_CONDITIONS + ", not '" + rest + "'");
                }
                String v = p.length > 1 ? p[1] : "";
                if (!p[0].equals("status") && !p[0].equals("running")) {
                    v = number(v.isEmpty() ? "1" : v, text);
                }
                yield new LessonAction(kind, p[0], v);
            }
            case SHOW -> {
                if (!LessonAction.VIEWS.contains(rest)) {
                    throw new IllegalArgumentException("@show " + LessonAction.VIEWS + ", not '" + rest + "'");
                }
                yield new LessonAction(kind, rest, "");
            }
            case LOAD, FAIL, POINT -> {
                if (rest.isEmpty() || rest.contains(" ")) {
                    throw new IllegalArgumentException("@" + kind.word() + " takes one name, not '" + rest + "'");
                }
                yield new LessonAction(kind, rest, "");
            }
        };
    }

    private static String number(String s, String line) {
        if (!s.matches("\\d+")) {
            throw new IllegalArgumentException("a whole number, not '" + s + "', in '@" + line + "'");
        }
        return s;
    }
}
