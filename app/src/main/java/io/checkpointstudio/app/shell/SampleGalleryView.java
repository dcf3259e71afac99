package io.checkpointstudio.app.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A window listing the sample jobs with a picture of their graph, their name and description; click one to open it. */
final class SampleGalleryView {
    private SampleGalleryView() {
    }

    static void show(Window owner, Consumer<Path> open) {
        Stage dialog = new Stage();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Sample jobs");
        VBox cards = new VBox(10);
        cards.setPadding(new Insets(14));
        cards.setId("sample-gallery");
        Label loading = new Label("Reading " + SampleGallery.folder() + " …");
        cards.getChildren().add(loading);
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        Scene scene = new Scene(scroll, 760, 660);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        dialog.setScene(scene);
        dialog.show();
        Thread t = new Thread(() -> {
            List<SampleGallery.Sample> samples = SampleGallery.load(SampleGallery.folder());
            Platform.runLater(() -> {
                cards.getChildren().clear();
                if (samples.isEmpty()) {
                    cards.getChildren().add(new Label("No *.job.json samples in " + SampleGallery.folder()));
                }
                for (SampleGallery.Sample s : samples) {
                    cards.getChildren().add(card(s, () -> {
                        dialog.close();
                        open.accept(s.path());
                    }, true));
                }
            });
        }, "sample-gallery");
        t.setDaemon(true);
        t.start();
    }

    /** A compact card (the welcome window's): what to watch in one line, all of it in the line's tooltip. */
    static javafx.scene.layout.HBox card(SampleGallery.Sample s, Runnable onClick) {
        return card(s, onClick, false);
    }

    /**
     * A sample's card: its graph's picture, name, first sentence (the whole description as tooltip), what to
     * watch (every line when {@code full}, else the first with the rest as tooltip) and file name.
     */
    static javafx.scene.layout.HBox card(SampleGallery.Sample s, Runnable onClick, boolean full) {
        String title = s.notes().title() != null ? s.notes().title() : s.name();
        Label name = new Label(title + "  ·  " + s.operators() + " operators" + (s.notes().needsServers() ? "  ·  needs Kafka and PostgreSQL" : ""));
        name.getStyleClass().add("cs-sample-name");
        Label description = new Label(firstSentence(s.description()));
        description.setTooltip(new javafx.scene.control.Tooltip(s.description()));
        description.getTooltip().setWrapText(true);
        description.getTooltip().setMaxWidth(520);
        description.getStyleClass().add("cs-sample-description");
        description.setWrapText(true);
        Label file = new Label(s.path().getFileName().toString());
        file.getStyleClass().add("cs-prop-key");
        VBox text = new VBox(name, description);
        if (!s.notes().watch().isEmpty() && !full) {
            Label watch = new Label("What to watch: " + s.notes().watch().get(0));
            watch.setId("sample-watch-" + s.name());
            watch.getStyleClass().add("cs-sample-watch");
            watch.setTooltip(new javafx.scene.control.Tooltip("What to watch:\n• " + String.join("\n• ", s.notes().watch())));
            watch.getTooltip().setWrapText(true);
            watch.getTooltip().setMaxWidth(520);
            text.getChildren().add(watch);
        } else if (!s.notes().watch().isEmpty()) {
            VBox watch = new VBox(1);
            watch.setId("sample-watch-" + s.name());
            watch.getStyleClass().add("cs-sample-watch");
            Label head = new Label("What to watch");
            head.getStyleClass().add("text-bold");
            watch.getChildren().add(head);
            for (String w : s.notes().watch()) {
                Label l = new Label("•  " + w);
                l.setWrapText(true);
                watch.getChildren().add(l);
            }
            text.getChildren().add(watch);
        }
        text.getChildren().add(file);
        javafx.scene.layout.HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox card = new javafx.scene.layout.HBox(12, JobThumbnail.of(s.document(), 150, 64), text);
        card.getStyleClass().add("cs-sample-card");
        card.setId("sample-" + s.name());
        card.setOnMouseClicked(e -> onClick.run());
        return card;
    }

    /** The description's first sentence: the one line a gallery card shows (the whole text is its tooltip). */
    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
