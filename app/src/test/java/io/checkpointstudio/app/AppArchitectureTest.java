package io.checkpointstudio.app;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

/**
 * The app's architecture, checked on its compiled classes: its packages form no cycle, it reaches the engine
 * through the session and the engine's public vocabulary only, the window does not know the features it
 * hosts, and the slow motion's scene model is free of JavaFX.
 */
@AnalyzeClasses(packages = "io.checkpointstudio.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {
    private static final String APP = "io.checkpointstudio.app..";
    private static final String SESSION = "io.checkpointstudio.app.session..";
    private static final String BENCH = "io.checkpointstudio.app.bench..";
    private static final String ENGINE = "io.checkpointstudio.engine..";

    /**
     * The engine's public vocabulary, which any part of the app may use: the job document and its problems,
     * the options, the operator descriptors and their registry (not the operators), schemas, the expression
     * language the designer checks as one types, the events and figures the engine publishes, and the
     * checkpoint statistics (Flink's REST API shape), settings and restore checks.
     */
    static final String[] ENGINE_API = {
            "io.checkpointstudio.engine.job",
            "io.checkpointstudio.engine.config",
            "io.checkpointstudio.engine.operator",
            "io.checkpointstudio.engine.record",
            "io.checkpointstudio.engine.expression",
            "io.checkpointstudio.engine.monitor",
            "io.checkpointstudio.engine.checkpoint",
    };

    /** What the session, and only the session, drives: runs, planned failures, and the sinks whose output it reads back. */
    static final String[] ENGINE_BEHIND_THE_SESSION = {
            "io.checkpointstudio.engine.runtime",
            "io.checkpointstudio.engine.fault",
            "io.checkpointstudio.engine.operator.sink",
    };

    @ArchTest
    static final ArchRule appPackagesFormNoCycle = slices().matching("io.checkpointstudio.(**)")
            .should().beFreeOfCycles()
            .because("a package that needs another which needs it back is one knot: neither can be read, tested or changed"
                    + " alone; features plug into the window (a Guide, welcome sections, status indicators), the window never"
                    + " names them");

    @ArchTest
    static final ArchRule outsideTheSessionTheAppUsesOnlyTheEnginesVocabulary = classes()
            .that().resideInAPackage(APP).and().resideOutsideOfPackages(SESSION, BENCH)
            .should().onlyDependOnClassesThat(or(resideOutsideOfPackage(ENGINE), resideInAnyPackage(ENGINE_API)))
            .because("the app talks to the engine through one session (app.session): runs, faults, snapshot files and sink"
                    + " output go through it, so views and models depend only on the engine's public vocabulary and the"
                    + " engine's internals can change without touching them");

    @ArchTest
    static final ArchRule theSessionDrivesRunsButNotTheEnginesInsides = classes()
            .that().resideInAPackage(SESSION)
            .should().onlyDependOnClassesThat(or(resideOutsideOfPackage(ENGINE), resideInAnyPackage(concat(ENGINE_API, ENGINE_BEHIND_THE_SESSION))))
            .because("the session starts and controls runs (runtime), plans failures (fault) and reads back what a sink"
                    + " wrote (operator.sink); state backends, connectors, the CLI and the REST server are the engine's own"
                    + " business, reached only through a run");

    @ArchTest
    static final ArchRule theFrameTimeBenchmarkAlsoRunsTheEnginesBenchmarkWorkload = classes()
            .that().resideInAPackage(BENCH)
            .should().onlyDependOnClassesThat(or(resideOutsideOfPackage(ENGINE),
                    resideInAnyPackage(concat(ENGINE_API, new String[] {"io.checkpointstudio.engine.bench"}))))
            .because("the UI benchmark runs the engine benchmarks' clicks workload, so their figures compare; nothing else"
                    + " in the app uses the engine's benchmarks");

    @ArchTest
    static final ArchRule theWindowDoesNotKnowTheLessons = noClasses()
            .that().resideInAPackage("io.checkpointstudio.app.shell..")
            .should().dependOnClassesThat().resideInAPackage("io.checkpointstudio.app.training..")
            .because("the lessons dock into the window as its Guide, handed in by the application (StudioApp); a window"
                    + " that named them would tie the two packages into a cycle (training drives the window)");

    @ArchTest
    static final ArchRule theSlowMotionsSceneModelIsFreeOfJavaFx = noClasses()
            .that().resideInAPackage("io.checkpointstudio.app.slowmotion")
            .and().haveNameNotMatching(".*\\.(SlowMotion\\w*|CanvasLayout)(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the barrier slow motion's model (BarrierScene and what it uses: what to show, where and when) is"
                    + " tested without a window; only the SlowMotion* classes (switch, renderer, panel) and CanvasLayout"
                    + " (the canvas as a SceneLayout) touch JavaFX");

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
