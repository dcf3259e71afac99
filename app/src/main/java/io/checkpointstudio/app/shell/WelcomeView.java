package io.checkpointstudio.app.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The welcome window: opens by itself on the first start and from Help ▸ Welcome. Start a new job, open
 * one, reopen a recent one, open a sample (the gallery's cards), or read the user guide. Features add their
 * own sections through {@link WelcomeSection} (the lessons do).
 */
public final class WelcomeView {
    static final int RECENT_SHOWN = 6;
    private final Stage dialog = new Stage();
    private final Settings settings;
    private final FileActions files;
    private final Runnable afterOpen;
    private final List<WelcomeSection> sections;

    private WelcomeView(Window owner, Settings settings, FileActions files, Runnable afterOpen, List<WelcomeSection> sections) {
        this.settings = settings;
        this.files = files;
        this.afterOpen = afterOpen;
        this.sections = sections.stream().sorted(Comparator.comparingInt(WelcomeSection::order).thenComparing(WelcomeSection::title)).toList();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Welcome to Checkpoint Studio");
    }

    /** True when the welcome should open by itself: never shown yet, or asked for at every start; not when a job was named. */
    public static boolean dueAtStart(Settings settings, List<String> args) {
        boolean jobNamed = args.stream().anyMatch(a -> Files.isRegularFile(Path.of(a)));
        return !jobNamed && (!settings.welcomeShown() || settings.welcomeAtEveryStart());
    }

    /**
     * Opens the welcome window over the studio window, with the features' {@code sections} below the samples;
     * afterOpen runs once a job chosen here is loaded.
     */
    public static Stage show(Window owner, Settings settings, FileActions files, Runnable afterOpen, List<WelcomeSection> sections) {
        WelcomeView view = new WelcomeView(owner, settings, files, afterOpen, sections);
        view.build(owner);
        settings.setWelcomeShown(true);
        view.dialog.show();
        return view.dialog;
    }

    private void build(Window owner) {
        Label title = new Label("Welcome to Checkpoint Studio");
        title.getStyleClass().add("title-1");
        Label intro = new Label("Design a stream job, run it on the embedded engine and watch its checkpoints; "
                + "crash it, restore it from a checkpoint or a savepoint, and read what each one holds.");
        intro.setWrapText(true);
        intro.getStyleClass().add("text-muted");

        VBox left = new VBox(6);
        left.setPrefWidth(250);
        left.setMinWidth(220);
        left.getChildren().addAll(heading("Start"),
                link("New job", "mdi2f-file-outline", "welcome-new", () -> {
                    dialog.close();
                    files.newJob();
                }),
                link("Open…", "mdi2f-folder-open-outline", "welcome-open", () -> {
                    dialog.close();
                    files.openWithDialog();
                }));
        left.getChildren().add(heading("Recent"));
        List<Path> recent = settings.recentFiles();
        if (recent.isEmpty()) {
            Label none = new Label("No recent jobs yet");
            none.setId("welcome-no-recent");
            none.getStyleClass().add("text-muted");
            left.getChildren().add(none);
        }
        for (int i = 0; i < Math.min(RECENT_SHOWN, recent.size()); i++) {
            Path p = recent.get(i);
            Hyperlink h = link(p.getFileName().toString(), "mdi2h-history", "welcome-recent-" + i, () -> openJob(p));
            h.setTooltip(new javafx.scene.control.Tooltip(p.toString()));
            left.getChildren().add(h);
        }
        left.getChildren().add(heading("Learn"));
        left.getChildren().addAll(
                docLink("User guide", "user-guide.md", "welcome-doc-guide"),
                docLink("The designer", "designer.md", "welcome-doc-designer"),
                docLink("Troubleshooting", "troubleshooting.md", "welcome-doc-troubleshooting"));

        VBox right = new VBox(10);
        HBox.setHgrow(right, Priority.ALWAYS);
        VBox samples = new VBox(10);
        samples.setId("welcome-samples");
        Label loading = new Label("Reading " + SampleGallery.folder() + " …");
        samples.getChildren().add(loading);
        right.getChildren().addAll(heading("Samples"), samples);
        loadSamples(samples);
        for (WelcomeSection section : sections) {
            Node content = section.content(context());
            right.getChildren().addAll(heading(section.title()), content);
        }

        HBox columns = new HBox(24, left, right);
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        CheckBox everyStart = new CheckBox("Show this window at every start");
        everyStart.setId("welcome-every-start");
        everyStart.setSelected(settings.welcomeAtEveryStart());
        everyStart.selectedProperty().addListener((o, was, now) -> settings.setWelcomeAtEveryStart(now));
        Button close = new Button("Close");
        close.setId("welcome-close");
        close.setCancelButton(true);
        close.setOnAction(e -> dialog.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bottom = new HBox(8, everyStart, spacer, close);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox root = new VBox(12, title, intro, scroll, bottom);
        root.setId("welcome");
        root.setPadding(new Insets(20));
        Scene scene = new Scene(root, 860, 600);
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        dialog.setScene(scene);
    }

    private void loadSamples(VBox samples) {
        Path folder = SampleGallery.folder();
        Thread t = new Thread(() -> {
            List<SampleGallery.Sample> found = SampleGallery.load(folder);
            Platform.runLater(() -> {
                samples.getChildren().clear();
                if (found.isEmpty()) {
                    samples.getChildren().add(new Label("No *.job.json samples in " + folder));
                }
                for (SampleGallery.Sample s : found) {
                    samples.getChildren().add(SampleGalleryView.card(s, () -> openJob(s.path())));
                }
            });
        }, "welcome-samples");
        t.setDaemon(true);
        t.start();
    }

    private void openJob(Path job) {
        dialog.close();
        if (files.confirmDiscard()) {
            files.open(job).thenRun(() -> Platform.runLater(afterOpen));
        }
    }

    private WelcomeSection.Context context() {
        return new WelcomeSection.Context() {
            @Override
            public void openJob(Path job) {
                WelcomeView.this.openJob(job);
            }

            @Override
            public void close() {
                dialog.close();
            }

            @Override
            public Settings settings() {
                return settings;
            }
        };
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("title-4");
        l.setPadding(new Insets(8, 0, 0, 0));
        return l;
    }

    private static Hyperlink link(String text, String icon, String id, Runnable action) {
        Hyperlink h = new Hyperlink(text, new FontIcon(icon));
        h.setId(id);
        h.setOnAction(e -> action.run());
        return h;
    }

    private static Hyperlink docLink(String text, String file, String id) {
        return link(text, "mdi2b-book-open-variant", id, () -> DocsLinks.open(DocsLinks.doc(file)));
    }
}
