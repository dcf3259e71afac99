package io.checkpointstudio.app.monitor;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The slow motion's settings and legend, floating in the canvas's bottom-left corner while it is on: how
 * much each source record is delayed (so that barriers take visible time) and how much the animation
 * stretches the engine's time.
 */
final class SlowMotionPanel extends VBox {
    SlowMotionPanel(SlowMotionOverlay overlay) {
        super(3);
        setId("slow-motion-panel");
        setPadding(new Insets(6, 10, 6, 10));
        setStyle("-fx-background-color: rgba(255,255,255,0.93); -fx-border-color: #94a3b8; -fx-border-radius: 6; "
                + "-fx-background-radius: 6; -fx-font-size: 11px;");
        Label title = new Label("Barrier slow motion");
        title.setStyle("-fx-font-weight: bold;");
        Slider delay = new Slider(0, 1000, 100);
        delay.setId("slow-motion-source-delay");
        delay.setPrefWidth(120);
        delay.valueProperty().bindBidirectional(overlay.sourceDelayMicrosProperty());
        delay.setTooltip(new Tooltip("Microseconds each source record is delayed while slow motion is on"));
        Label delayText = new Label();
        delayText.textProperty().bind(delay.valueProperty().asString("sources slowed %.0f µs/record"));
        Slider speed = new Slider(10, 1000, 100);
        speed.setId("slow-motion-speed");
        speed.setPrefWidth(120);
        speed.valueProperty().bindBidirectional(overlay.speedProperty());
        speed.setTooltip(new Tooltip("How much the animation stretches time: 1 ms of the job lasts this many ms on the canvas"));
        Label speedText = new Label();
        speedText.textProperty().bind(speed.valueProperty().asString("1 ms of the job = %.0f ms here"));
        Label legend = new Label("▮ blue: aligned barrier · ▮ orange: unaligned\n▮ red at an input: channels held back while aligning\n"
                + "badge on an edge: in-flight data captured · ● green: ack");
        legend.setStyle("-fx-text-fill: #475569;");
        getChildren().addAll(title, row(delay, delayText), row(speed, speedText), legend);
        setMouseTransparent(false);
    }

    private static HBox row(Slider slider, Label text) {
        HBox row = new HBox(6, slider, text);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
