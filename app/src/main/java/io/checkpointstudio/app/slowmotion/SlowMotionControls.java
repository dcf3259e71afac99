package io.checkpointstudio.app.slowmotion;

import javafx.geometry.Pos;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The toolbar's barrier slow motion switch (an icon, so the toolbar keeps its room); its sliders and legend
 * float on the canvas while it is on ({@link SlowMotionPanel}).
 */
public final class SlowMotionControls extends HBox {
    private final ToggleButton toggle = new ToggleButton(null, new FontIcon("mdi2s-snail"));

    public SlowMotionControls(SlowMotionOverlay overlay) {
        setAlignment(Pos.CENTER_LEFT);
        setId("slow-motion-controls");
        toggle.setId("slow-motion");
        toggle.setFocusTraversable(false);
        toggle.getStyleClass().add("button-icon");
        toggle.setTooltip(new Tooltip("Barrier slow motion (Ctrl+Shift+B): trace this run's checkpoint barriers and replay them on the "
                + "canvas, slowed down (channels blocked during alignment, in-flight data of unaligned checkpoints, acknowledgements)"));
        toggle.selectedProperty().bindBidirectional(overlay.enabledProperty());
        getChildren().add(toggle);
    }

    public ToggleButton toggle() {
        return toggle;
    }
}
