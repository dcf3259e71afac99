package io.checkpointstudio.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.config.ConfigOption;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every lesson parses, and every action names something that exists: sample files, options, operators, parameters, parts of the window. */
class LessonCatalogTest {
    private static final Path SAMPLES = Path.of("../sample-jobs");
    /** Ids of the window's parts a lesson may point at (the bottom tabs, the main regions, the status bar). */
    private static final Set<String> WINDOW_IDS = Set.of("problems-tab", "console-tab", "checkpoints-tab", "charts-tab", "events-tab",
            "faults-tab", "snapshots-tab", "canvas", "properties", "status-run", "lesson-summary-tab");

    static Stream<Lesson> lessons() {
        return LessonCatalog.all().stream();
    }

    @Test
    void theNineTopicsOfTheGuide_inItsOrder() {
        assertThat(LessonCatalog.all()).extracting(Lesson::id).containsExactly("what-is-a-checkpoint", "checkpoint-interval",
                "checkpointing-mode", "checkpoint-retention", "max-concurrent-and-min-pause", "timeout-and-tolerable-failures",
                "unaligned-checkpoints", "state-backends-and-incremental", "savepoints-vs-checkpoints");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void lesson_hasATitleASummaryAndStepsWithText(Lesson lesson) {
        assertThat(lesson.title()).isNotBlank();
        assertThat(lesson.summary()).isNotBlank();
        assertThat(lesson.steps()).hasSizeBetween(3, 8);
        for (Lesson.Step s : lesson.steps()) {
            assertThat(s.title()).isNotBlank();
            assertThat(s.markdown()).as("text of '%s'", s.title()).isNotBlank().doesNotContain("\n@");
        }
        assertThat(lesson.steps().get(0).actions()).as("the first step opens the lesson's job")
                .anyMatch(a -> a.kind() == LessonAction.Kind.LOAD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void everyAction_namesSomethingThatExists(Lesson lesson) throws Exception {
        JobDocument job = null;
        for (Lesson.Step s : lesson.steps()) {
            for (LessonAction a : s.actions()) {
                String where = lesson.id() + " / " + s.title() + ": " + a;
                switch (a.kind()) {
                    case LOAD -> {
                        Path file = SAMPLES.resolve(a.target());
                        assertThat(file).as(where).exists();
                        job = JobDocuments.read(file).document().orElseThrow();
                    }
                    case SET -> {
                        ConfigOption<?> option = ConfigOptions.find(a.target()).orElseThrow(() -> new AssertionError(where + ": no such option"));
                        assertThat(option.parse(a.typedValue())).as(where).isNotNull();
                        job = job.withConfigValue(a.target(), a.typedValue());
                    }
                    case PARAM -> {
                        String[] opParam = a.target().split(" ");
                        OperatorSpec op = job.operator(opParam[0]).orElseThrow(() -> new AssertionError(where + ": no such operator"));
                        assertThat(OperatorRegistry.standard().find(op.type()).orElseThrow().param(opParam[1])).as(where).isPresent();
                        job = job.withOperator(op.withParam(opParam[1], a.typedValue()));
                    }
                    case FAIL, FAIL_AFTER, SLOW -> assertThat(job.operator(a.target())).as(where).isPresent();
                    case POINT -> assertThat(WINDOW_IDS.contains(a.target()) || isOptionRow(a.target())).as(where).isTrue();
                    default -> {
                    }
                }
            }
        }
        assertThat(JobValidator.standard().validate(job).errors()).as("%s: the job as the lesson leaves it is valid", lesson.id()).isEmpty();
    }

    @Test
    void theSamplesNotes_nameLessonsThatExist() throws Exception {
        List<Path> notes;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            notes = files.filter(f -> f.getFileName().toString().endsWith(".sample.json")).toList();
        }
        assertThat(notes).hasSizeGreaterThanOrEqualTo(8);
        for (Path n : notes) {
            JsonNode json = new ObjectMapper().readTree(n.toFile());
            json.path("lessons").forEach(l -> assertThat(LessonCatalog.find(l.asText())).as("%s names lesson %s", n.getFileName(), l).isPresent());
        }
    }

    @Test
    void parser_readsTitleSummaryStepsAndActions() {
        Lesson l = LessonParser.parse("04-demo.md", """
                # Demo
                What it shows.

                ## First
                Read **this**.
                @load clicks-per-user.job.json
                @set execution.checkpointing.interval = 2s
                @param clicks eventsPerSecond = 20000
                @wait checkpoints 2
                @fail-checkpoint
                @point checkpoints-tab

                ## Second
                Only text.
                """);

        assertThat(l.id()).isEqualTo("demo");
        assertThat(l.title()).isEqualTo("Demo");
        assertThat(l.summary()).isEqualTo("What it shows.");
        assertThat(l.steps()).extracting(Lesson.Step::title).containsExactly("First", "Second");
        assertThat(l.steps().get(0).markdown()).isEqualTo("Read **this**.");
        assertThat(l.steps().get(0).actions()).extracting(LessonAction::toString).containsExactly("@load clicks-per-user.job.json",
                "@set execution.checkpointing.interval = 2s", "@param clicks eventsPerSecond = 20000", "@wait checkpoints 2",
                "@fail-checkpoint 1", "@point checkpoints-tab");
        assertThat(l.steps().get(0).actions().get(2).typedValue()).isEqualTo(20000);
        assertThat(l.steps().get(0).pointsAt()).containsExactly("checkpoints-tab");
        assertThat(l.steps().get(1).actions()).isEmpty();
    }

    @Test
    void parser_namesTheLineOfAMistake() {
        assertThatThrownBy(() -> LessonParser.parse("x.md", "# T\n\n## S\n@explode now\n"))
                .hasMessageStartingWith("x.md:4: unknown action '@explode'");
        assertThatThrownBy(() -> LessonParser.parse("x.md", "# T\n@run\n")).hasMessageContaining("x.md:2:");
        assertThatThrownBy(() -> LessonParser.parse("x.md", "# T\n## S\n@wait forever\n")).hasMessageContaining("@wait");
        assertThatThrownBy(() -> LessonParser.parse("x.md", "# T\n## S\n@slow out fast\n")).hasMessageContaining("a whole number");
        assertThatThrownBy(() -> LessonParser.parse("x.md", "no title\n")).hasMessageContaining("# Title");
    }

    @Test
    void forLesson_movesFoldersIntoTheStudiosAndTheOutputRoot() throws Exception {
        JobDocument sample = JobDocuments.read(SAMPLES.resolve("clicks-crash-and-resume.job.json")).document().orElseThrow();
        Path out = Path.of("/tmp/out");

        JobDocument doc = LessonRunner.forLesson(sample, out);

        assertThat(doc.config()).doesNotContainKeys("execution.checkpointing.dir", "state.checkpoints.dir");
        assertThat(doc.operator("out").orElseThrow().params().get("path")).isEqualTo(out.resolve("clicks-crash-and-resume").resolve("out").toString());
    }

    private static boolean isOptionRow(String id) {
        return id.startsWith("prop-") && ConfigOptions.all().stream().anyMatch(o -> ("prop-" + o.key().replaceAll("[^A-Za-z0-9_-]", "-")).equals(id));
    }
}
