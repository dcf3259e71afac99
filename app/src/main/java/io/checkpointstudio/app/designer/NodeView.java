package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import java.util.List;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One operator on the canvas: category stripe, icon, name, type, parallelism, an input port on the left,
 * an output port on the right and a problem badge. Its position is the document's layout entry.
 */
public final class NodeView extends Pane {
    public static final double WIDTH = AutoLayout.NODE_WIDTH;
    public static final double HEIGHT = AutoLayout.NODE_HEIGHT;
    public static final double PORT_RADIUS = 6;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final String operatorId;
    private final FontIcon icon = new FontIcon();
    private final Label name = new Label();
    private final Label type = new Label();
    private final Label parallelism = new Label();
    private final Circle inPort = new Circle(PORT_RADIUS);
    private final Circle outPort = new Circle(PORT_RADIUS);
    private final Label badge = new Label();
    private final Tooltip badgeTip = new Tooltip();
    private final Tooltip nodeTip = new Tooltip();
    private final HBox body;
    private final Label live = new Label();
    private final Region heat = new Region();
    private final Tooltip liveTip = new Tooltip();

    public NodeView(String operatorId) {
        this.operatorId = operatorId;
        setId("node-" + operatorId);
        getStyleClass().add("cs-node");
        Region stripe = new Region();
        stripe.getStyleClass().add("cs-node-stripe");
        name.getStyleClass().add("cs-node-name");
        type.getStyleClass().add("cs-node-type");
        parallelism.getStyleClass().add("cs-node-parallelism");
        parallelism.setId("parallelism-" + operatorId);
        HBox second = new HBox(6, type, parallelism);
        second.setAlignment(Pos.CENTER_LEFT);
        VBox text = new VBox(2, name, second);
        text.setAlignment(Pos.CENTER_LEFT);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        name.setMaxWidth(WIDTH - 64);
        type.setMaxWidth(WIDTH - 110);
        type.setMinWidth(0);
        body = new HBox(8, stripe, icon, text);
        body.setAlignment(Pos.CENTER_LEFT);
        body.setPadding(new javafx.geometry.Insets(0, 12, 0, 0));
        body.resizeRelocate(0, 0, WIDTH, HEIGHT);
        body.setPrefSize(WIDTH, HEIGHT);
        body.setMinSize(WIDTH, HEIGHT);
        body.setMaxSize(WIDTH, HEIGHT);
        stripe.setMaxHeight(Double.MAX_VALUE);
        HBox.setMargin(icon, new javafx.geometry.Insets(0, 0, 0, 4));

        inPort.getStyleClass().add("cs-port");
        inPort.setId("in-" + operatorId);
        inPort.setCenterX(0);
        inPort.setCenterY(HEIGHT / 2);
        outPort.getStyleClass().add("cs-port");
        outPort.setId("out-" + operatorId);
        outPort.setCenterX(WIDTH);
        outPort.setCenterY(HEIGHT / 2);

        badge.getStyleClass().add("cs-badge");
        badge.setId("badge-" + operatorId);
        badge.setVisible(false);
        badge.setLayoutX(WIDTH - 14);
        badge.setLayoutY(-9);
        badgeTip.setShowDelay(Duration.millis(150));
        badgeTip.setWrapText(true);
        badgeTip.setMaxWidth(420);
        Tooltip.install(badge, badgeTip);
        nodeTip.setShowDelay(Duration.millis(600));
        Tooltip.install(body, nodeTip);

        live.getStyleClass().add("cs-node-live");
        live.setId("live-" + operatorId);
        live.setLayoutY(HEIGHT + 4);
        live.setVisible(false);
        live.setManaged(false);
        Tooltip.install(live, liveTip);
        heat.getStyleClass().add("cs-node-heat");
        heat.setId("heat-" + operatorId);
        heat.resizeRelocate(6, HEIGHT - 5, WIDTH - 12, 3);
        heat.setVisible(false);
        heat.setMouseTransparent(true);

        getChildren().addAll(body, heat, inPort, outPort, badge, live);
        setPrefSize(WIDTH, HEIGHT);
        setMinSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
    }

    public String operatorId() {
        return operatorId;
    }

    public Circle inPort() {
        return inPort;
    }

    public Circle outPort() {
        return outPort;
    }

    public void update(OperatorSpec spec, OperatorDescriptor descriptor, int defaultParallelism) {
        name.setText(spec.displayName());
        type.setText(descriptor == null ? spec.type() + " (unknown)" : spec.type());
        String literal = descriptor == null ? "mdi2h-help-circle-outline" : descriptor.icon();
        try {
            icon.setIconLiteral(literal);
        } catch (RuntimeException e) {
            icon.setIconLiteral("mdi2c-cog");
        }
        parallelism.setText("×" + (spec.parallelism() == null ? defaultParallelism : spec.parallelism()));
        parallelism.setTooltip(new Tooltip(spec.parallelism() == null
                ? "parallelism " + defaultParallelism + " (the job's parallelism.default)" : "parallelism " + spec.parallelism()));
        getStyleClass().removeIf(c -> c.startsWith("cs-cat-"));
        if (descriptor != null) {
            getStyleClass().add("cs-cat-" + descriptor.category().name().toLowerCase(java.util.Locale.ROOT));
        }
        inPort.setVisible(descriptor == null || !descriptor.isSource());
        outPort.setVisible(descriptor == null || descriptor.hasOutput());
        nodeTip.setText(spec.displayName() + "  (id " + spec.id() + ")" + (descriptor == null ? "" : "\n" + descriptor.displayName() + ": " + descriptor.summary()));
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    public void setProblems(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        pseudoClassStateChanged(ERROR, errors > 0);
        badge.getStyleClass().removeAll("cs-badge-error", "cs-badge-warning");
        if (problems.isEmpty()) {
            badge.setVisible(false);
            return;
        }
        badge.setVisible(true);
        badge.getStyleClass().add(errors > 0 ? "cs-badge-error" : "cs-badge-warning");
        badge.setText(errors > 0 ? (errors == 1 ? "!" : String.valueOf(errors)) : "?");
        badgeTip.setText(problems.stream().map(p -> (p.isError() ? "Error: " : "Warning: ") + p.message())
                .collect(Collectors.joining("\n")));
    }

    public String badgeText() {
        return badge.isVisible() ? badgeTip.getText() : "";
    }

    /**
     * Shows a running operator's figures under the node and colours a bar along its bottom edge as Flink's
     * web UI colours a vertex: from blue (idle) to red (busy), dark grey when back-pressured.
     */
    public void showLive(String text, String details, double busyRatio, double backPressuredRatio) {
        live.setText(text);
        liveTip.setText(details);
        live.setVisible(true);
        live.autosize();
        heat.setVisible(true);
        heat.setStyle("-fx-background-color: " + heatColour(busyRatio, backPressuredRatio) + ";");
        getStyleClass().removeAll("cs-live-backpressured");
        if (backPressuredRatio > 0.5) {
            getStyleClass().add("cs-live-backpressured");
        }
    }

    public void hideLive() {
        live.setVisible(false);
        heat.setVisible(false);
        getStyleClass().removeAll("cs-live-backpressured");
    }

    /** The figures shown under the node, or "" when none are. */
    public String liveText() {
        return live.isVisible() ? live.getText() : "";
    }

    static String heatColour(double busy, double backPressured) {
        if (backPressured > 0.1 && backPressured >= busy) {
            double shade = 0.55 - 0.35 * Math.min(1, backPressured);
            return String.format(java.util.Locale.ROOT, "hsb(0, 0%%, %.0f%%)", shade * 100);
        }
        double hue = 210 - 210 * Math.max(0, Math.min(1, busy)); // Flink: 210 (blue) idle .. 0 (red) busy
        return String.format(java.util.Locale.ROOT, "hsb(%.0f, 75%%, 85%%)", hue);
    }

    public void setDropState(String styleClass) {
        getStyleClass().removeAll("cs-drop-accept", "cs-drop-refuse");
        if (styleClass != null) {
            getStyleClass().add(styleClass);
        }
    }
}
