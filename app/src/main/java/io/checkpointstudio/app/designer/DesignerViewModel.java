package io.checkpointstudio.app.designer;

import io.checkpointstudio.app.designer.command.AddOperatorCommand;
import io.checkpointstudio.app.designer.command.CommandStack;
import io.checkpointstudio.app.designer.command.ConnectCommand;
import io.checkpointstudio.app.designer.command.DeleteCommand;
import io.checkpointstudio.app.designer.command.DesignerCommand;
import io.checkpointstudio.app.designer.command.MoveNodesCommand;
import io.checkpointstudio.app.designer.command.PasteCommand;
import io.checkpointstudio.engine.expression.ExpressionCompiler;
import io.checkpointstudio.engine.job.EdgeSpec;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.NodePosition;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.OperatorRegistry;
import io.checkpointstudio.engine.record.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The designer's state: the job document with its undo history, the selection, the file, and the
 * validation result of the current document. Views bind to its read-only properties and call its commands;
 * it holds no scene-graph types. Validation and file I/O run on {@code background}; results come back
 * through {@code fx} (Platform::runLater in the app, a direct executor in tests).
 */
public final class DesignerViewModel {
    public static final double GRID = 20;

    private final OperatorRegistry registry;
    private final JobValidator validator;
    private final SchemaInference schemas;
    private final ConnectionValidator connections;
    private final Executor background;
    private final Executor fx;
    private final CommandStack stack = new CommandStack(JobDocument.empty("untitled"));

    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<EdgeSpec> selectedEdges = FXCollections.observableSet(new LinkedHashSet<>());
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyObjectWrapper<JobDocument> savedDocument = new ReadOnlyObjectWrapper<>(this, "savedDocument", stack.document());
    private final BooleanBinding dirty;
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Map<String, List<Problem>>> problemsByOperator = new ReadOnlyObjectWrapper<>(this, "problemsByOperator", Map.of());
    private final ReadOnlyObjectWrapper<Map<String, Schema>> inputSchemas = new ReadOnlyObjectWrapper<>(this, "inputSchemas", Map.of());
    private final ReadOnlyObjectWrapper<JobDocument> validatedDocument = new ReadOnlyObjectWrapper<>(this, "validatedDocument");
    private final ReadOnlyBooleanWrapper validating = new ReadOnlyBooleanWrapper(this, "validating");
    private final ObservableList<String> console = FXCollections.observableArrayList();
    private final AtomicLong validationSequence = new AtomicLong();
    // Read-only views, created once: FX's unmodifiable wrappers listen weakly, so a fresh wrapper per call
    // would be garbage-collected together with the listeners added to it.
    private final ObservableSet<String> selectionView = FXCollections.unmodifiableObservableSet(selection);
    private final ObservableSet<EdgeSpec> selectedEdgesView = FXCollections.unmodifiableObservableSet(selectedEdges);
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<String> consoleView = FXCollections.unmodifiableObservableList(console);

    public DesignerViewModel(OperatorRegistry registry, Executor background, Executor fx) {
        this.registry = registry;
        ExpressionCompiler compiler = new ExpressionCompiler();
        this.validator = new JobValidator(registry, compiler);
        this.schemas = new SchemaInference(registry, compiler);
        this.connections = new ConnectionValidator(registry);
        this.background = background;
        this.fx = fx;
        this.dirty = Bindings.createBooleanBinding(() -> !stack.document().equals(savedDocument.get()),
                stack.documentProperty(), savedDocument);
        stack.documentProperty().addListener((obs, old, doc) -> {
            selection.removeIf(id -> doc.indexOf(id) < 0);
            selectedEdges.removeIf(e -> !doc.edges().contains(e));
            scheduleValidation(doc);
        });
        scheduleValidation(stack.document());
    }

    // Properties

    public OperatorRegistry registry() {
        return registry;
    }

    public CommandStack commands() {
        return stack;
    }

    public ReadOnlyObjectProperty<JobDocument> documentProperty() {
        return stack.documentProperty();
    }

    public JobDocument document() {
        return stack.document();
    }

    public ObservableSet<String> selection() {
        return selectionView;
    }

    public ObservableSet<EdgeSpec> selectedEdges() {
        return selectedEdgesView;
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ObservableList<Problem> problems() {
        return problemsView;
    }

    public ReadOnlyObjectProperty<Map<String, List<Problem>>> problemsByOperatorProperty() {
        return problemsByOperator.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Map<String, Schema>> inputSchemasProperty() {
        return inputSchemas.getReadOnlyProperty();
    }

    /** The document the current {@link #problems()} belong to. */
    public ReadOnlyObjectProperty<JobDocument> validatedDocumentProperty() {
        return validatedDocument.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validatingProperty() {
        return validating.getReadOnlyProperty();
    }

    public ObservableList<String> console() {
        return consoleView;
    }

    public ConnectionValidator connections() {
        return connections;
    }

    public OperatorDescriptor descriptor(String type) {
        return registry.find(type).orElse(null);
    }

    // Commands

    public void log(String line) {
        console.add(java.time.LocalTime.now().withNano(0) + "  " + line);
        if (console.size() > 2000) {
            console.remove(0, console.size() - 2000);
        }
    }

    public boolean execute(DesignerCommand command) {
        return stack.execute(command);
    }

    public void undo() {
        stack.undo().ifPresent(d -> log("Undo: " + d));
    }

    public void redo() {
        stack.redo().ifPresent(d -> log("Redo: " + d));
    }

    /** Adds an operator of a type with its descriptor's defaults; returns its new id. */
    public String addOperator(String type, double x, double y) {
        return addOperator(type, x, y, null);
    }

    /** Adds an operator after the single selected one (connected to it), or at the end of the canvas. */
    public String addOperatorAfterSelection(String type) {
        JobDocument doc = document();
        String after = selection.size() == 1 ? selection.iterator().next() : null;
        double x;
        double y;
        if (after != null && doc.layout().containsKey(after)) {
            NodePosition p = doc.layout().get(after);
            x = p.x() + AutoLayout.LAYER_GAP;
            y = p.y();
        } else {
            x = doc.layout().values().stream().mapToDouble(NodePosition::x).max().orElse(-AutoLayout.LAYER_GAP + AutoLayout.LEFT)
                    + AutoLayout.LAYER_GAP;
            y = AutoLayout.TOP + 80;
        }
        OperatorDescriptor d = descriptor(type);
        if (after != null && (d == null || d.isSource() || !connections.prevalidate(doc, after).allowed())) {
            after = null;
        }
        return addOperator(type, x, y, after);
    }

    private String addOperator(String type, double x, double y, String after) {
        OperatorDescriptor d = registry.find(type).orElseThrow(() -> new IllegalArgumentException("unknown type " + type));
        String id = freeId(document(), type, Set.of());
        Map<String, Object> params = new LinkedHashMap<>();
        d.params().stream().filter(p -> p.required() && p.defaultValue() != null)
                .forEach(p -> params.put(p.name(), p.defaultValue()));
        OperatorSpec spec = new OperatorSpec(id, type, null, null, params);
        stack.execute(new AddOperatorCommand(spec, new NodePosition(snap(x), snap(y)), after, d.displayName()));
        select(Set.of(id));
        return id;
    }

    public ConnectionValidator.Verdict connect(String from, String to) {
        ConnectionValidator.Verdict v = connections.validate(document(), from, to);
        if (v.allowed()) {
            stack.execute(new ConnectCommand(from, to));
        }
        return v;
    }

    public void moveNodes(Map<String, NodePosition> positions) {
        Map<String, NodePosition> snapped = new LinkedHashMap<>();
        positions.forEach((id, p) -> snapped.put(id, new NodePosition(snap(p.x()), snap(p.y()))));
        stack.execute(new MoveNodesCommand(snapped));
    }

    /** Moves the selection by a grid step (arrow keys). */
    public void nudgeSelection(double dx, double dy) {
        Map<String, NodePosition> moved = new LinkedHashMap<>();
        for (String id : selection) {
            NodePosition p = document().layout().getOrDefault(id, new NodePosition(0, 0));
            moved.put(id, new NodePosition(Math.max(0, p.x() + dx), Math.max(0, p.y() + dy)));
        }
        if (!moved.isEmpty()) {
            stack.execute(new MoveNodesCommand(moved));
        }
    }

    public void autoLayout() {
        if (stack.execute(new MoveNodesCommand(AutoLayout.layout(document()), "Auto-layout"))) {
            log("Auto-layout");
        }
    }

    public void deleteSelection() {
        if (selection.isEmpty() && selectedEdges.isEmpty()) {
            return;
        }
        stack.execute(new DeleteCommand(new HashSet<>(selection), new HashSet<>(selectedEdges)));
    }

    public void select(Set<String> ids) {
        selectedEdges.clear();
        selection.retainAll(ids);
        selection.addAll(ids);
    }

    public void toggleSelection(String id) {
        selectedEdges.clear();
        if (!selection.remove(id)) {
            selection.add(id);
        }
    }

    public void selectEdge(EdgeSpec edge) {
        selection.clear();
        selectedEdges.clear();
        selectedEdges.add(edge);
    }

    public void clearSelection() {
        selection.clear();
        selectedEdges.clear();
    }

    public void selectAll() {
        select(new LinkedHashSet<>(document().operators().stream().map(OperatorSpec::id).toList()));
    }

    /** The selected operators with the edges between them and their positions, as job-document JSON. */
    public String copySelection() {
        JobDocument doc = document();
        List<OperatorSpec> ops = doc.operators().stream().filter(o -> selection.contains(o.id())).toList();
        if (ops.isEmpty()) {
            return null;
        }
        Map<String, NodePosition> layout = new LinkedHashMap<>();
        ops.forEach(o -> layout.put(o.id(), doc.layout().getOrDefault(o.id(), new NodePosition(0, 0))));
        JobDocument fragment = new JobDocument(JobDocument.FORMAT, doc.name() + " (copy)", null, Map.of(), ops,
                doc.edges().stream().filter(e -> selection.contains(e.from()) && selection.contains(e.to())).toList(), layout);
        return JobDocuments.toJson(fragment);
    }

    /** Pastes job-document JSON (from this or another job); returns false when the text is not one. */
    public boolean paste(String json, String description) {
        if (json == null || !json.contains("\"operators\"")) {
            return false;
        }
        var read = JobDocuments.parse(json);
        if (read.document().isEmpty() || read.document().get().operators().isEmpty()) {
            return false;
        }
        JobDocument fragment = read.document().get();
        JobDocument doc = document();
        Map<String, String> rename = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (OperatorSpec op : fragment.operators()) {
            String id = freeId(doc, op.id(), taken);
            taken.add(id);
            rename.put(op.id(), id);
        }
        List<OperatorSpec> ops = fragment.operators().stream()
                .map(o -> new OperatorSpec(rename.get(o.id()), o.type(), o.name(), o.parallelism(), o.params())).toList();
        List<EdgeSpec> edges = fragment.edges().stream()
                .filter(e -> rename.containsKey(e.from()) && rename.containsKey(e.to()))
                .map(e -> new EdgeSpec(rename.get(e.from()), rename.get(e.to()))).toList();
        Map<String, NodePosition> layout = new LinkedHashMap<>();
        int i = 0;
        for (OperatorSpec o : fragment.operators()) {
            NodePosition p = fragment.layout().getOrDefault(o.id(), new NodePosition(40 + 40 * i, 40 + 40 * i));
            layout.put(rename.get(o.id()), new NodePosition(p.x() + 2 * GRID, p.y() + 2 * GRID));
            i++;
        }
        JobDocument pasted = new JobDocument(JobDocument.FORMAT, "paste", null, Map.of(), ops, edges, layout);
        if (stack.execute(new PasteCommand(pasted, description + " " + ops.size() + (ops.size() == 1 ? " operator" : " operators")))) {
            select(new LinkedHashSet<>(rename.values()));
            return true;
        }
        return false;
    }

    public void duplicateSelection() {
        String json = copySelection();
        if (json != null) {
            paste(json, "Duplicate");
        }
    }

    /** Replaces the document and forgets the history (New, Open). */
    public void load(JobDocument doc, Path path) {
        clearSelection();
        stack.reset(doc);
        savedDocument.set(doc);
        file.set(path);
    }

    public void newDocument() {
        load(JobDocument.empty("untitled"), null);
        log("New job");
    }

    /** Reads a job file on the background executor and loads it; completes with the read result. */
    public CompletableFuture<JobDocuments.ReadResult> open(Path path) {
        CompletableFuture<JobDocuments.ReadResult> done = new CompletableFuture<>();
        background.execute(() -> {
            JobDocuments.ReadResult r;
            try {
                r = JobDocuments.read(path);
            } catch (RuntimeException e) {
                fx.execute(() -> done.completeExceptionally(e));
                return;
            }
            fx.execute(() -> {
                r.document().ifPresent(read -> {
                    JobDocument doc = read;
                    if (AutoLayout.needsLayout(doc)) {
                        doc = doc.withLayout(AutoLayout.layout(doc));
                        log("Laid out " + path.getFileName() + ": its operator positions were missing or overlapped");
                    }
                    load(doc, path);
                    log("Opened " + path);
                });
                r.problems().forEach(p -> log(path.getFileName() + ": " + p));
                done.complete(r);
            });
        });
        return done;
    }

    /** Writes the current document (atomically) on the background executor; the history is kept. */
    public CompletableFuture<Path> save(Path path) {
        JobDocument snapshot = document();
        CompletableFuture<Path> done = new CompletableFuture<>();
        background.execute(() -> {
            try {
                JobDocuments.write(snapshot, path);
                fx.execute(() -> {
                    savedDocument.set(snapshot);
                    file.set(path);
                    log("Saved " + path);
                    done.complete(path);
                });
            } catch (Exception e) {
                fx.execute(() -> {
                    log("Could not save " + path + ": " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    public void warmUp() {
        submit(() -> new ExpressionCompiler().check("1 + 1", Schema.EMPTY));
    }

    // Internals

    private void scheduleValidation(JobDocument doc) {
        long seq = validationSequence.incrementAndGet();
        validating.set(true);
        submit(() -> {
            if (seq != validationSequence.get()) {
                return;
            }
            List<Problem> found;
            Map<String, Schema> inferred;
            try {
                found = validator.validate(doc).problems();
                inferred = schemas.inputSchemas(doc);
            } catch (RuntimeException e) {
                found = List.of(Problem.error("", "validation failed: " + e));
                inferred = Map.of();
            }
            List<Problem> result = found;
            Map<String, Schema> inputs = inferred;
            fx.execute(() -> {
                if (seq != validationSequence.get()) {
                    return;
                }
                Map<String, List<Problem>> byOp = new LinkedHashMap<>();
                for (Problem p : result) {
                    String id = ProblemLocation.of(p, doc).operatorId();
                    if (id != null) {
                        byOp.computeIfAbsent(id, k -> new ArrayList<>()).add(p);
                    }
                }
                List<Problem> sorted = new ArrayList<>(result);
                sorted.sort((a, b) -> a.severity().compareTo(b.severity()));
                validatedDocument.set(doc);
                inputSchemas.set(Map.copyOf(inputs));
                problemsByOperator.set(Map.copyOf(byOp));
                problems.setAll(sorted);
                validating.set(false);
            });
        });
    }

    private void submit(Runnable task) {
        try {
            background.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down.
        }
    }

    static String freeId(JobDocument doc, String base, Set<String> alsoTaken) {
        String stem = base.replaceAll("-\\d+$", "");
        if (doc.indexOf(base) < 0 && !alsoTaken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String id = stem + "-" + n;
            if (doc.indexOf(id) < 0 && !alsoTaken.contains(id)) {
                return id;
            }
        }
    }

    static double snap(double v) {
        return Math.max(0, Math.round(v / GRID) * GRID);
    }
}
