package io.checkpointstudio.app.slowmotion;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The slow motion's settings and legend, floating in the canvas's bottom-left corner while it is on: how
 * much each source record is delayed (so that barriers take visible time) and how much the animation
 * stretches the engine's time. The legend's swatches carry the figures' style classes, so they show the
 * colours the theme gives the figures.
 */
final class SlowMotionPanel extends VBox {
    SlowMotionPanel(SlowMotionOverlay overlay) {
        super(3);
        setId("slow-motion-panel");
        getStyleClass().add("cs-slow-motion-panel");
        SlowMotionRenderer.addStylesheet(this);
        Label title = new Label("Barrier slow motion");
        title.getStyleClass().add("cs-sm-panel-title");
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
        VBox legend = new VBox(1,
                legendRow("▮", "cs-sm-swatch-aligned", "aligned barrier"),
                legendRow("▮", "cs-sm-swatch-unaligned", "unaligned barrier"),
                legendRow("▮", "cs-sm-swatch-blocked", "at an input: channels held back while aligning"),
                legendRow("▭", "cs-sm-swatch-unaligned", "badge on an edge: in-flight data captured"),
                legendRow("●", "cs-sm-swatch-ack", "acknowledgement to the coordinator"));
        legend.setId("slow-motion-legend");
        getChildren().addAll(title, row(delay, delayText), row(speed, speedText), legend);
        setMouseTransparent(false);
    }

    private static HBox row(Slider slider, Label text) {
        HBox row = new HBox(6, slider, text);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static HBox legendRow(String mark, String swatchClass, String meaning) {
        Label swatch = new Label(mark);
        swatch.getStyleClass().addAll("cs-sm-swatch", swatchClass);
        Label text = new Label(meaning);
        text.getStyleClass().add("cs-sm-legend-text");
        HBox row = new HBox(5, swatch, text);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
