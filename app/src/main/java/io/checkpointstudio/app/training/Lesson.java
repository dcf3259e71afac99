package io.checkpointstudio.app.training;

import java.util.List;

/**
 * One guided lesson: a title, a one-paragraph summary and its steps, read from
 * {@code io/checkpointstudio/lessons/<file>.md} in ui-resources ({@link LessonParser} describes the format).
 *
 * @param id the file name without its number and extension, e.g. {@code what-is-a-checkpoint}; progress is kept under it
 */
public record Lesson(String id, String title, String summary, List<Step> steps) {

    public Lesson {
        steps = List.copyOf(steps);
    }

    /**
     * One step: a title, Markdown to read and the actions its "Do it" button performs, in order.
     */
    public record Step(String title, String markdown, List<LessonAction> actions) {

        public Step {
            actions = List.copyOf(actions);
        }

        /** The node ids the step points at (its {@code @point} actions). */
        public List<String> pointsAt() {
            return actions.stream().filter(a -> a.kind() == LessonAction.Kind.POINT).map(LessonAction::target).toList();
        }
    }
}
