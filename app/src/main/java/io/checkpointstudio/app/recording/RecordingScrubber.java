package io.checkpointstudio.app.recording;

import io.checkpointstudio.app.monitor.MonitorModel;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The bar over the monitor while a recorded run is shown: play/pause and a slider over the run's time
 * range; the monitor views show the run as it was at the slider's instant.
 */
public final class RecordingScrubber extends HBox {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MonitorModel monitor;
    private final ToggleButton play = new ToggleButton(null, new FontIcon("mdi2p-play"));
    private final Slider slider = new Slider(0, 1, 1);
    private final Label time = new Label();
    private final Label title = new Label();
    private final AnimationTimer player;
    private RecordedRunPlayer shown;

    RecordingScrubber(MonitorModel monitor) {
        this.monitor = monitor;
        setId("recording-scrubber");
        play.setId("recording-play");
        slider.setId("recording-slider");
        time.setId("recording-time");
        title.setId("recording-title");
        getStyleClass().add("cs-recording-scrubber");
        setSpacing(8);
        setPadding(new Insets(3, 8, 3, 8));
        setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(slider, Priority.ALWAYS);
        title.getStyleClass().add("text-bold");
        getChildren().addAll(new FontIcon("mdi2f-file-video-outline"), title, play, slider, time);
        slider.valueProperty().addListener((o, a, v) -> seek(v.doubleValue()));
        play.selectedProperty().addListener((o, a, on) -> {
            play.setGraphic(new FontIcon(on ? "mdi2p-pause" : "mdi2p-play"));
            if (on && slider.getValue() >= slider.getMax()) {
                slider.setValue(0); // play again from the start
            }
        });
        player = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0 && play.isSelected()) {
                    double v = slider.getValue() + (now - last) / 1_000_000.0;
                    slider.setValue(Math.min(slider.getMax(), v));
                    if (v >= slider.getMax()) {
                        play.setSelected(false);
                    }
                }
                last = now;
            }
        };
        player.start();
        setVisible(false);
        setManaged(false);
        monitor.sourceProperty().addListener((o, a, s) -> {
            if (!(s instanceof RecordedRunPlayer)) {
                detach();
            }
        });
    }

    /** Shows the bar for {@code p}, its slider at the instant {@code p} shows. */
    void attach(RecordedRunPlayer p) {
        shown = p;
        play.setSelected(false);
        slider.setMax(p.end() - p.start());
        slider.setBlockIncrement(Math.max(100, (p.end() - p.start()) / 50.0));
        slider.setValue(p.time() - p.start());
        title.setText("Recorded run: " + p.jobName() + " · " + CLOCK.format(Instant.ofEpochMilli(p.start())));
        updateTime();
        setVisible(true);
        setManaged(true);
    }

    private void detach() {
        shown = null;
        play.setSelected(false);
        setVisible(false);
        setManaged(false);
    }

    public Slider slider() {
        return slider;
    }

    public ToggleButton playButton() {
        return play;
    }

    private void seek(double offset) {
        if (shown == null) {
            return;
        }
        shown.seek(shown.start() + Math.round(offset));
        monitor.refresh();
        updateTime();
    }

    private void updateTime() {
        long t = shown.time() - shown.start();
        long total = shown.end() - shown.start();
        time.setText(String.format(Locale.ROOT, "%d:%04.1f / %d:%04.1f", t / 60_000, (t % 60_000) / 1000.0, total / 60_000, (total % 60_000) / 1000.0));
    }

    void dispose() {
        player.stop();
    }
}
