package io.checkpointstudio.app.monitor;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The toolbar's barrier slow motion switch, and while it is on two sliders: how much each source record is
 * delayed (so that barriers take visible time) and how much the animation stretches the engine's time.
 */
public final class SlowMotionControls extends HBox {
    private final ToggleButton toggle = new ToggleButton(null, new FontIcon("mdi2s-snail"));
    private final Slider delay = new Slider(0, 1000, 100);
    private final Slider speed = new Slider(10, 1000, 100);

    public SlowMotionControls(SlowMotionOverlay overlay) {
        super(6);
        setAlignment(Pos.CENTER_LEFT);
        setId("slow-motion-controls");
        toggle.setId("slow-motion");
        toggle.setFocusTraversable(false);
        toggle.getStyleClass().add("button-icon"); // an icon only: the toolbar keeps room for the find field at 1280 px
        toggle.setTooltip(new Tooltip("Barrier slow motion (Ctrl+Shift+B): trace this run's checkpoint barriers and replay them on the canvas, "
                + "slowed down (channels blocked during alignment, in-flight data of unaligned checkpoints, acknowledgements)"));
        toggle.selectedProperty().bindBidirectional(overlay.enabledProperty());
        delay.setId("slow-motion-source-delay");
        delay.setPrefWidth(90);
        delay.valueProperty().bindBidirectional(overlay.sourceDelayMicrosProperty());
        delay.setTooltip(new Tooltip("Microseconds each source record is delayed while slow motion is on"));
        speed.setId("slow-motion-speed");
        speed.setPrefWidth(90);
        speed.valueProperty().bindBidirectional(overlay.speedProperty());
        speed.setTooltip(new Tooltip("How much the animation stretches time: 1 ms of the job lasts this many ms on the canvas"));
        Label delayText = new Label();
        delayText.textProperty().bind(delay.valueProperty().asString("sources +%.0f µs/rec"));
        Label speedText = new Label();
        speedText.textProperty().bind(speed.valueProperty().asString("%.0f×"));
        HBox tuning = new HBox(4, delay, delayText, speed, speedText);
        tuning.setAlignment(Pos.CENTER_LEFT);
        tuning.visibleProperty().bind(toggle.selectedProperty());
        tuning.managedProperty().bind(toggle.selectedProperty());
        getChildren().addAll(toggle, tuning);
    }

    public ToggleButton toggle() {
        return toggle;
    }
}
