package io.checkpointstudio.app.designer;

import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.NodePosition;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The designer canvas: operators and connections of the current document in a zoomable, pannable world.
 * Drag a node to move the selection (snapped to the grid), drag from an output port to an input port to
 * connect, drag on the background for a rubber band (Ctrl adds), right- or middle-drag to pan, wheel to
 * zoom. Every change becomes one command on the view model; the view redraws from the document.
 */
public final class GraphCanvasView extends Pane {
    private final DesignerViewModel vm;
    private final Path grid = new Path();
    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group overlay = new Group();
    private final Group liveLayer = new Group();
    private final Translate pan = new Translate(0, 0);
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoomLevel = new SimpleDoubleProperty(this, "zoomLevel", 1);
    private final Map<String, NodeView> nodes = new LinkedHashMap<>();
    private final Map<EdgeSpec, EdgeView> edges = new LinkedHashMap<>();
    private final Label hint = new Label();
    private final Label emptyHint = new Label("Drag operators here from the palette, or double-click one to add it");
    private final Minimap minimap;

    // Gesture state
    private Point2D pressWorld;
    private Point2D pressScreen;
    private Map<String, NodePosition> dragStart;
    private boolean dragged;
    private Rectangle rubberBand;
    private Set<String> rubberBase;
    private CubicCurve preview;
    private String connectFrom;
    private NodeView connectTarget;
    private Point2D panStart;

    public GraphCanvasView(DesignerViewModel vm) {
        this.vm = vm;
        setId("canvas");
        getStyleClass().add("cs-canvas");
        setFocusTraversable(true);
        grid.getStyleClass().add("cs-grid-line");
        grid.setMouseTransparent(true);
        world.getTransforms().setAll(pan, zoom);
        liveLayer.setId("canvas-live-layer");
        liveLayer.setMouseTransparent(true);
        world.getChildren().addAll(edgeLayer, nodeLayer, liveLayer, overlay);
        hint.getStyleClass().add("cs-connect-hint");
        hint.setId("connect-hint");
        hint.setVisible(false);
        hint.setMouseTransparent(true);
        emptyHint.getStyleClass().add("cs-empty-hint");
        emptyHint.setMouseTransparent(true);
        minimap = new Minimap(this);
        getChildren().addAll(grid, world, emptyHint, hint, minimap);
        for (javafx.scene.Node n : getChildren()) {
            n.setManaged(false);
        }
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        vm.documentProperty().addListener((obs, o, doc) -> refresh());
        vm.selection().addListener((SetChangeListener<String>) c -> updateSelection());
        vm.selectedEdges().addListener((SetChangeListener<EdgeSpec>) c -> updateSelection());
        vm.problemsByOperatorProperty().addListener((obs, o, n) -> updateProblems());
        zoomLevel.addListener((obs, o, n) -> {
            zoom.setX(n.doubleValue());
            zoom.setY(n.doubleValue());
            drawGrid();
            minimap.redraw();
        });
        pan.xProperty().addListener((obs, o, n) -> { drawGrid(); minimap.redraw(); });
        pan.yProperty().addListener((obs, o, n) -> { drawGrid(); minimap.redraw(); });

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::backgroundPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::backgroundDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::backgroundReleased);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        refresh();
    }

    public DoubleProperty zoomLevelProperty() {
        return zoomLevel;
    }

    public NodeView nodeView(String id) {
        return nodes.get(id);
    }

    /** The edge views by edge, for overlays such as the live rates. */
    public Map<EdgeSpec, EdgeView> edgeViews() {
        return java.util.Collections.unmodifiableMap(edges);
    }

    /**
     * A layer above the nodes and edges, in world coordinates (those of {@link NodeView#getLayoutX()} and the
     * edges' curves), for live drawings such as the barrier slow motion. It does not take the mouse.
     */
    public Group overlayLayer() {
        return liveLayer;
    }

    /** The world point under a point of this view (e.g. a corner, to draw something there in {@link #overlayLayer()}). */
    public Point2D viewToWorld(double x, double y) {
        double s = zoomLevel.get();
        return new Point2D((x - pan.getX()) / s, (y - pan.getY()) / s);
    }

    Map<String, NodeView> nodeViews() {
        return nodes;
    }

    Translate panTransform() {
        return pan;
    }

    // Commands

    public void zoomBy(double factor) {
        zoomAround(factor, getWidth() / 2, getHeight() / 2);
    }

    public void resetZoom() {
        zoomAround(1 / zoomLevel.get(), getWidth() / 2, getHeight() / 2);
    }

    public void fitToWindow() {
        Bounds b = contentBounds();
        if (b == null || getWidth() <= 0) {
            zoomLevel.set(1);
            pan.setX(0);
            pan.setY(0);
            return;
        }
        double margin = 40;
        double s = Math.min((getWidth() - 2 * margin) / b.getWidth(), (getHeight() - 2 * margin) / b.getHeight());
        s = clampZoom(Math.min(s, 1.25));
        zoomLevel.set(s);
        pan.setX((getWidth() - b.getWidth() * s) / 2 - b.getMinX() * s);
        pan.setY((getHeight() - b.getHeight() * s) / 2 - b.getMinY() * s);
    }

    /** Scrolls so that an operator is in the middle of the view. */
    public void centerOn(String id) {
        NodeView n = nodes.get(id);
        if (n == null) {
            return;
        }
        double s = zoomLevel.get();
        pan.setX(getWidth() / 2 - (n.getLayoutX() + NodeView.WIDTH / 2) * s);
        pan.setY(getHeight() / 2 - (n.getLayoutY() + NodeView.HEIGHT / 2) * s);
    }

    /** Adds an operator dropped from the palette at a scene point; false when the point is not on the canvas. */
    public boolean dropOperator(String type, double sceneX, double sceneY) {
        Point2D local = sceneToLocal(sceneX, sceneY);
        if (local == null || !getLayoutBounds().contains(local)) {
            return false;
        }
        Point2D w = world.sceneToLocal(sceneX, sceneY);
        vm.addOperator(type, w.getX() - NodeView.WIDTH / 2, w.getY() - NodeView.HEIGHT / 2);
        requestFocus();
        return true;
    }

    /** The world rectangle the view shows (for the minimap). */
    Bounds viewport() {
        double s = zoomLevel.get();
        return new BoundingBox(-pan.getX() / s, -pan.getY() / s, getWidth() / s, getHeight() / s);
    }

    Bounds contentBounds() {
        if (nodes.isEmpty()) {
            return null;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeView n : nodes.values()) {
            minX = Math.min(minX, n.getLayoutX());
            minY = Math.min(minY, n.getLayoutY());
            maxX = Math.max(maxX, n.getLayoutX() + NodeView.WIDTH);
            maxY = Math.max(maxY, n.getLayoutY() + NodeView.HEIGHT);
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    void panTo(double worldCenterX, double worldCenterY) {
        double s = zoomLevel.get();
        pan.setX(getWidth() / 2 - worldCenterX * s);
        pan.setY(getHeight() / 2 - worldCenterY * s);
    }

    // Drawing

    private void refresh() {
        JobDocument doc = vm.document();
        int defaultParallelism = defaultParallelism(doc);
        Set<String> ids = new LinkedHashSet<>();
        for (OperatorSpec op : doc.operators()) {
            ids.add(op.id());
            NodeView n = nodes.computeIfAbsent(op.id(), this::createNode);
            n.update(op, vm.descriptor(op.type()), defaultParallelism);
            NodePosition p = doc.layout().getOrDefault(op.id(), new NodePosition(40 + 40 * ids.size(), 40 + 40 * ids.size()));
            n.relocate(p.x(), p.y());
        }
        nodes.entrySet().removeIf(e -> {
            if (!ids.contains(e.getKey())) {
                nodeLayer.getChildren().remove(e.getValue());
                return true;
            }
            return false;
        });
        edges.clear();
        edgeLayer.getChildren().clear();
        for (EdgeSpec e : doc.edges()) {
            EdgeView v = new EdgeView(e);
            v.setOnMousePressed(ev -> {
                if (ev.getButton() == MouseButton.PRIMARY) {
                    vm.selectEdge(e);
                    requestFocus();
                    ev.consume();
                }
            });
            edges.put(e, v);
            edgeLayer.getChildren().add(v);
        }
        routeEdges();
        updateSelection();
        updateProblems();
        emptyHint.setVisible(doc.operators().isEmpty());
        minimap.redraw();
    }

    private static int defaultParallelism(JobDocument doc) {
        Object p = doc.config().get("parallelism.default");
        try {
            return p == null ? 1 : Integer.parseInt(p.toString());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void routeEdges() {
        for (EdgeView v : edges.values()) {
            NodeView a = nodes.get(v.edge().from());
            NodeView b = nodes.get(v.edge().to());
            v.setVisible(a != null && b != null);
            if (a != null && b != null) {
                v.route(a.getLayoutX() + NodeView.WIDTH + NodeView.PORT_RADIUS, a.getLayoutY() + NodeView.HEIGHT / 2,
                        b.getLayoutX() - NodeView.PORT_RADIUS, b.getLayoutY() + NodeView.HEIGHT / 2);
            }
        }
    }

    private void updateSelection() {
        nodes.forEach((id, n) -> n.setSelected(vm.selection().contains(id)));
        edges.forEach((e, v) -> v.setSelected(vm.selectedEdges().contains(e)));
        nodes.values().stream().filter(n -> vm.selection().contains(n.operatorId())).forEach(NodeView::toFront);
    }

    private void updateProblems() {
        Map<String, List<Problem>> byOp = vm.problemsByOperatorProperty().get();
        nodes.forEach((id, n) -> n.setProblems(byOp.getOrDefault(id, List.of())));
    }

    private void drawGrid() {
        double step = DesignerViewModel.GRID * 2 * zoomLevel.get();
        while (step < 12) {
            step *= 2;
        }
        grid.getElements().clear();
        double ox = ((pan.getX() % step) + step) % step;
        double oy = ((pan.getY() % step) + step) % step;
        for (double x = ox; x < getWidth(); x += step) {
            grid.getElements().addAll(new MoveTo(x, 0), new LineTo(x, getHeight()));
        }
        for (double y = oy; y < getHeight(); y += step) {
            grid.getElements().addAll(new MoveTo(0, y), new LineTo(getWidth(), y));
        }
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        emptyHint.autosize();
        emptyHint.relocate((getWidth() - emptyHint.getWidth()) / 2, (getHeight() - emptyHint.getHeight()) / 2);
        minimap.autosize();
        minimap.relocate(getWidth() - minimap.getWidth() - 12, getHeight() - minimap.getHeight() - 12);
        hint.autosize();
        if (getWidth() != laidOutWidth || getHeight() != laidOutHeight) {
            laidOutWidth = getWidth();
            laidOutHeight = getHeight();
            drawGrid();
            minimap.redraw();
        }
    }

    private double laidOutWidth = -1;
    private double laidOutHeight = -1;

    // Node gestures

    private NodeView createNode(String id) {
        NodeView n = new NodeView(id);
        n.setOnMousePressed(e -> nodePressed(n, e));
        n.setOnMouseDragged(e -> nodeDragged(e));
        n.setOnMouseReleased(e -> nodeReleased(e));
        n.outPort().setOnMousePressed(e -> portPressed(n, e));
        n.outPort().setOnMouseDragged(this::portDragged);
        n.outPort().setOnMouseReleased(this::portReleased);
        nodeLayer.getChildren().add(n);
        return n;
    }

    private void nodePressed(NodeView n, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        requestFocus();
        String id = n.operatorId();
        if (e.isShortcutDown() || e.isShiftDown()) {
            vm.toggleSelection(id);
        } else if (!vm.selection().contains(id)) {
            vm.select(Set.of(id));
        }
        pressWorld = world.sceneToLocal(e.getSceneX(), e.getSceneY());
        dragStart = new LinkedHashMap<>();
        for (String sel : vm.selection()) {
            NodeView v = nodes.get(sel);
            if (v != null) {
                dragStart.put(sel, new NodePosition(v.getLayoutX(), v.getLayoutY()));
            }
        }
        dragged = false;
        e.consume();
    }

    private void nodeDragged(MouseEvent e) {
        if (dragStart == null || pressWorld == null) {
            return;
        }
        Point2D w = world.sceneToLocal(e.getSceneX(), e.getSceneY());
        double dx = w.getX() - pressWorld.getX();
        double dy = w.getY() - pressWorld.getY();
        if (!dragged && Math.hypot(dx, dy) < 3) {
            return;
        }
        dragged = true;
        dragStart.forEach((id, p) -> nodes.get(id).relocate(
                DesignerViewModel.snap(p.x() + dx), DesignerViewModel.snap(p.y() + dy)));
        routeEdges();
        minimap.redraw();
        e.consume();
    }

    private void nodeReleased(MouseEvent e) {
        if (dragStart != null && dragged) {
            Map<String, NodePosition> moved = new HashMap<>();
            dragStart.keySet().forEach(id -> moved.put(id, new NodePosition(nodes.get(id).getLayoutX(), nodes.get(id).getLayoutY())));
            vm.moveNodes(moved);
        } else if (dragStart != null && !e.isShortcutDown() && !e.isShiftDown() && e.isStillSincePress()) {
            vm.select(Set.of(dragStartKey(e)));
        }
        dragStart = null;
        pressWorld = null;
        e.consume();
    }

    private String dragStartKey(MouseEvent e) {
        Object src = e.getSource();
        return src instanceof NodeView n ? n.operatorId() : "";
    }

    // Connection gestures

    private void portPressed(NodeView n, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        requestFocus();
        connectFrom = n.operatorId();
        preview = new CubicCurve();
        preview.getStyleClass().add("cs-edge-preview");
        preview.setMouseTransparent(true);
        overlay.getChildren().add(preview);
        updatePreview(e);
        e.consume();
    }

    private void portDragged(MouseEvent e) {
        if (connectFrom != null) {
            updatePreview(e);
            e.consume();
        }
    }

    private void portReleased(MouseEvent e) {
        if (connectFrom == null) {
            return;
        }
        NodeView target = targetAt(e.getSceneX(), e.getSceneY());
        if (target != null) {
            ConnectionValidator.Verdict v = vm.connect(connectFrom, target.operatorId());
            if (!v.allowed()) {
                vm.log("Cannot connect " + connectFrom + " to " + target.operatorId() + ": " + v.message());
            }
        }
        endConnect();
        e.consume();
    }

    private void updatePreview(MouseEvent e) {
        NodeView from = nodes.get(connectFrom);
        Point2D w = world.sceneToLocal(e.getSceneX(), e.getSceneY());
        EdgeView.shape(preview, from.getLayoutX() + NodeView.WIDTH, from.getLayoutY() + NodeView.HEIGHT / 2, w.getX(), w.getY());
        NodeView target = targetAt(e.getSceneX(), e.getSceneY());
        if (connectTarget != null && connectTarget != target) {
            connectTarget.setDropState(null);
            connectTarget.inPort().getStyleClass().removeAll("cs-port-accept", "cs-port-refuse");
        }
        connectTarget = target;
        preview.getStyleClass().remove("cs-refuse");
        hint.setVisible(false);
        ConnectionValidator.Verdict pre = vm.connections().prevalidate(vm.document(), connectFrom);
        if (!pre.allowed()) {
            showHint(pre.message(), e);
            preview.getStyleClass().add("cs-refuse");
        }
        if (target != null && target.operatorId().equals(connectFrom)) {
            return;
        }
        if (target != null) {
            ConnectionValidator.Verdict v = vm.connections().validate(vm.document(), connectFrom, target.operatorId());
            target.setDropState(v.allowed() ? "cs-drop-accept" : "cs-drop-refuse");
            target.inPort().getStyleClass().removeAll("cs-port-accept", "cs-port-refuse");
            target.inPort().getStyleClass().add(v.allowed() ? "cs-port-accept" : "cs-port-refuse");
            if (!v.allowed()) {
                preview.getStyleClass().add("cs-refuse");
                showHint(v.message(), e);
            }
        }
    }

    private void showHint(String text, MouseEvent e) {
        hint.setText(text);
        hint.setVisible(true);
        hint.autosize();
        Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY());
        hint.relocate(p.getX() + 14, p.getY() + 14);
        hint.toFront();
    }

    private void endConnect() {
        overlay.getChildren().remove(preview);
        preview = null;
        connectFrom = null;
        if (connectTarget != null) {
            connectTarget.setDropState(null);
            connectTarget.inPort().getStyleClass().removeAll("cs-port-accept", "cs-port-refuse");
        }
        connectTarget = null;
        hint.setVisible(false);
    }

    private NodeView targetAt(double sceneX, double sceneY) {
        Point2D w = world.sceneToLocal(sceneX, sceneY);
        NodeView best = null;
        for (NodeView n : nodes.values()) {
            double x = n.getLayoutX() - NodeView.PORT_RADIUS * 3;
            double y = n.getLayoutY() - NodeView.PORT_RADIUS;
            if (w.getX() >= x && w.getX() <= n.getLayoutX() + NodeView.WIDTH && w.getY() >= y
                    && w.getY() <= n.getLayoutY() + NodeView.HEIGHT + NodeView.PORT_RADIUS) {
                best = n;
            }
        }
        return best;
    }

    // Background gestures: rubber band, pan, zoom

    private void backgroundPressed(MouseEvent e) {
        requestFocus();
        pressScreen = new Point2D(e.getX(), e.getY());
        if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE) {
            panStart = new Point2D(pan.getX(), pan.getY());
            e.consume();
            return;
        }
        if (e.getButton() == MouseButton.PRIMARY) {
            rubberBase = e.isShortcutDown() || e.isShiftDown() ? new LinkedHashSet<>(vm.selection()) : Set.of();
            if (rubberBase.isEmpty()) {
                vm.clearSelection();
            }
            rubberBand = new Rectangle();
            rubberBand.getStyleClass().add("cs-rubber-band");
            rubberBand.setMouseTransparent(true);
            rubberBand.setManaged(false);
            getChildren().add(rubberBand);
            e.consume();
        }
    }

    private void backgroundDragged(MouseEvent e) {
        if (panStart != null) {
            pan.setX(panStart.getX() + e.getX() - pressScreen.getX());
            pan.setY(panStart.getY() + e.getY() - pressScreen.getY());
            e.consume();
        } else if (rubberBand != null) {
            double x = Math.min(pressScreen.getX(), e.getX());
            double y = Math.min(pressScreen.getY(), e.getY());
            rubberBand.setX(x);
            rubberBand.setY(y);
            rubberBand.setWidth(Math.abs(e.getX() - pressScreen.getX()));
            rubberBand.setHeight(Math.abs(e.getY() - pressScreen.getY()));
            Bounds band = world.parentToLocal(rubberBand.getBoundsInParent());
            Set<String> picked = new LinkedHashSet<>(rubberBase);
            nodes.forEach((id, n) -> {
                if (band.intersects(n.getBoundsInParent())) {
                    picked.add(id);
                }
            });
            vm.select(picked);
            e.consume();
        }
    }

    private void backgroundReleased(MouseEvent e) {
        panStart = null;
        if (rubberBand != null) {
            getChildren().remove(rubberBand);
            rubberBand = null;
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        if (e.isShiftDown()) {
            pan.setX(pan.getX() + e.getDeltaY());
            return;
        }
        zoomAround(Math.pow(1.1, e.getDeltaY() / 40), e.getX(), e.getY());
        e.consume();
    }

    private void zoomAround(double factor, double x, double y) {
        double old = zoomLevel.get();
        double s = clampZoom(old * factor);
        double wx = (x - pan.getX()) / old;
        double wy = (y - pan.getY()) / old;
        zoomLevel.set(s);
        pan.setX(x - wx * s);
        pan.setY(y - wy * s);
    }

    private static double clampZoom(double s) {
        return Math.max(0.2, Math.min(3, s));
    }

    private void keyPressed(KeyEvent e) {
        double step = e.isShiftDown() ? DesignerViewModel.GRID * 5 : DesignerViewModel.GRID;
        KeyCode code = e.getCode();
        switch (code) {
            case DELETE, BACK_SPACE -> vm.deleteSelection();
            case LEFT -> vm.nudgeSelection(-step, 0);
            case RIGHT -> vm.nudgeSelection(step, 0);
            case UP -> vm.nudgeSelection(0, -step);
            case DOWN -> vm.nudgeSelection(0, step);
            case ESCAPE -> {
                if (connectFrom != null) {
                    endConnect();
                } else {
                    vm.clearSelection();
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }
}
