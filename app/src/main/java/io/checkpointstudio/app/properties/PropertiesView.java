package io.checkpointstudio.app.properties;

import io.checkpointstudio.app.designer.DesignerViewModel;
import io.checkpointstudio.app.designer.ProblemLocation;
import io.checkpointstudio.app.designer.command.RenameOperatorCommand;
import io.checkpointstudio.app.designer.command.SetConfigCommand;
import io.checkpointstudio.app.designer.command.SetJobInfoCommand;
import io.checkpointstudio.app.designer.command.SetOperatorCommand;
import io.checkpointstudio.app.designer.command.SetParamCommand;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.record.Schema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The property panel. With one operator selected: its id, name, parallelism and every parameter of its
 * descriptor. With nothing selected: the job's name and description and every configuration option in
 * its group, with its default and help text. Edits are commands; validation problems show under the
 * field they concern as soon as the background validation returns.
 */
public final class PropertiesView extends VBox {
    private final DesignerViewModel vm;
    private final VBox form = new VBox(2);
    private final ScrollPane formScroll = new ScrollPane(form);
    private final MarkdownView help = new MarkdownView();
    private final Map<String, Row> rows = new HashMap<>();
    private final Label operatorProblems = new Label();
    private Object shownState;
    private String selectedOperator;
    private boolean rebuildScheduled;

    private record Row(PropertyItem item, Label error, String[] localError) {
    }

    public PropertiesView(DesignerViewModel vm) {
        this.vm = vm;
        setId("properties");
        getStyleClass().add("cs-properties");
        Label title = new Label("PROPERTIES");
        title.getStyleClass().add("cs-pane-title");
        form.setPadding(new Insets(4, 12, 12, 12));
        formScroll.setFitToWidth(true);
        formScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        help.setId("help-text");
        help.setPadding(new Insets(8, 12, 8, 12));
        ScrollPane helpScroll = new ScrollPane(help);
        helpScroll.setFitToWidth(true);
        helpScroll.getStyleClass().add("cs-help");
        helpScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        SplitPane split = new SplitPane(formScroll, helpScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        VBox.setVgrow(split, Priority.ALWAYS);
        operatorProblems.getStyleClass().add("cs-prop-error");
        operatorProblems.setWrapText(true);
        operatorProblems.setId("operator-problems");
        getChildren().addAll(title, split);

        vm.selection().addListener((SetChangeListener<String>) c -> scheduleRebuild());
        vm.documentProperty().addListener((obs, o, n) -> scheduleRebuild());
        vm.problems().addListener((ListChangeListener<Problem>) c -> showProblems());
        rebuild();
    }

    private void scheduleRebuild() {
        if (!rebuildScheduled) {
            rebuildScheduled = true;
            Platform.runLater(() -> {
                rebuildScheduled = false;
                rebuild();
            });
        }
    }

    private void rebuild() {
        JobDocument doc = vm.document();
        Set<String> sel = vm.selection();
        Object state;
        OperatorSpec op = null;
        if (sel.size() == 1) {
            op = doc.operator(sel.iterator().next()).orElse(null);
        }
        if (op != null) {
            state = List.of(op, String.valueOf(doc.config().get("parallelism.default")));
        } else if (sel.size() > 1) {
            state = Set.copyOf(sel);
        } else {
            state = List.of(doc.config(), String.valueOf(doc.name()), String.valueOf(doc.description()));
        }
        if (state.equals(shownState)) {
            return;
        }
        shownState = state;
        Node focused = getScene() == null ? null : getScene().getFocusOwner();
        String focusId = focused != null && isInside(focused) ? focused.getId() : null;
        int caret = focused instanceof TextInputControl t ? t.getCaretPosition() : -1;

        form.getChildren().clear();
        rows.clear();
        if (op != null) {
            buildOperator(doc, op);
        } else if (sel.size() > 1) {
            selectedOperator = null;
            Label l = new Label(sel.size() + " operators selected");
            l.getStyleClass().add("cs-prop-title");
            form.getChildren().add(l);
        } else {
            buildConfig(doc);
        }
        showProblems();
        if (focusId != null) {
            Node again = form.lookup("#" + focusId);
            if (again != null) {
                again.requestFocus();
                if (again instanceof TextInputControl t && caret >= 0) {
                    t.positionCaret(Math.min(caret, t.getLength()));
                }
            }
        }
    }

    private boolean isInside(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == form) {
                return true;
            }
        }
        return false;
    }

    private void buildOperator(JobDocument doc, OperatorSpec op) {
        selectedOperator = op.id();
        OperatorDescriptor d = vm.descriptor(op.type());
        Label title = new Label(d == null ? op.type() : d.displayName());
        title.getStyleClass().add("cs-prop-title");
        title.setGraphic(d == null ? null : new FontIcon(d.icon()));
        Label subtitle = new Label(d == null ? "unknown operator type" : d.summary());
        subtitle.getStyleClass().add("cs-prop-subtitle");
        subtitle.setWrapText(true);
        form.getChildren().addAll(title, subtitle, operatorProblems);
        group("Operator");
        TextField id = plainText("prop-op-id", op.id(), "required");
        id.setOnAction(e -> rename(op, id.getText()));
        id.focusedProperty().addListener((obs, o, f) -> {
            if (!f) {
                rename(op, id.getText());
            }
        });
        row(new PropertyItem("id", "Id", "Operator", PropertyItem.Kind.TEXT, op.id(), null, null, null, null, true,
                "Unique in the job; state is matched by id on restore.", null), id);
        TextField name = plainText("prop-op-name", op.name() == null ? "" : op.name(), op.id());
        name.setOnAction(e -> vm.execute(SetOperatorCommand.name(current(op), name.getText())));
        name.focusedProperty().addListener((obs, o, f) -> {
            if (!f) {
                vm.execute(SetOperatorCommand.name(current(op), name.getText()));
            }
        });
        row(new PropertyItem("name", "Name", "Operator", PropertyItem.Kind.TEXT, op.name(), null, null, null, null, false,
                "Shown on the canvas; the id when empty.", null), name);
        PropertyItem par = new PropertyItem("parallelism", "Parallelism", "Operator", PropertyItem.Kind.INTEGER, op.parallelism(),
                String.valueOf(doc.config().getOrDefault("parallelism.default", 1)) + " (parallelism.default)", null, 1.0, 32768.0,
                false, "How many subtasks run this operator.", "config/parallelism.default");
        editorRow(par, v -> vm.execute(SetOperatorCommand.parallelism(current(op),
                v == null ? null : ((Number) v).intValue())), "prop-op-");
        if (d == null) {
            return;
        }
        if (!d.params().isEmpty()) {
            group("Parameters");
        }
        for (PropertyItem item : PropertyItems.forOperator(d, op)) {
            editorRow(item, v -> vm.execute(new SetParamCommand(op.id(), item.key(), v)), "prop-");
        }
        Schema input = vm.inputSchemasProperty().get().get(op.id());
        if (input != null && !input.fields().isEmpty()) {
            Label in = new Label("Input fields: " + input.fields().stream().map(Object::toString).collect(Collectors.joining(", ")));
            in.getStyleClass().add("cs-prop-default");
            in.setWrapText(true);
            in.setId("input-fields");
            form.getChildren().add(in);
        }
        showHelp(d.helpKey(), d.displayName(), d.summary());
    }

    private OperatorSpec current(OperatorSpec op) {
        return vm.document().operator(op.id()).orElse(op);
    }

    private void rename(OperatorSpec op, String newId) {
        String id = newId == null ? "" : newId.trim();
        if (!id.isEmpty() && !id.equals(op.id()) && vm.document().indexOf(op.id()) >= 0) {
            if (vm.execute(new RenameOperatorCommand(op.id(), id))) {
                vm.select(Set.of(id));
            } else {
                vm.log("Cannot rename " + op.id() + " to " + id + ": the id is taken");
            }
        }
    }

    private void buildConfig(JobDocument doc) {
        selectedOperator = null;
        Label title = new Label("Job");
        title.getStyleClass().add("cs-prop-title");
        Label subtitle = new Label("Nothing selected: the job's name and configuration. Select an operator to edit it.");
        subtitle.getStyleClass().add("cs-prop-subtitle");
        subtitle.setWrapText(true);
        form.getChildren().addAll(title, subtitle);
        TextField name = plainText("prop-job-name", doc.name() == null ? "" : doc.name(), "job name");
        TextArea description = new TextArea(doc.description() == null ? "" : doc.description());
        description.setId("prop-job-description");
        description.setWrapText(true);
        description.setPrefRowCount(2);
        Runnable commit = () -> vm.execute(new SetJobInfoCommand(name.getText().trim(), description.getText()));
        name.setOnAction(e -> commit.run());
        name.focusedProperty().addListener((obs, o, f) -> {
            if (!f) {
                commit.run();
            }
        });
        description.focusedProperty().addListener((obs, o, f) -> {
            if (!f) {
                commit.run();
            }
        });
        row(new PropertyItem("job-name", "Name", "Job", PropertyItem.Kind.TEXT, doc.name(), null, null, null, null, true, "", null), name);
        row(new PropertyItem("job-description", "Description", "Job", PropertyItem.Kind.TEXT, doc.description(), null, null, null,
                null, false, "", null), description);
        String group = null;
        for (PropertyItem item : PropertyItems.forConfig(doc)) {
            if (!item.group().equals(group)) {
                group = item.group();
                group(group);
            }
            editorRow(item, v -> vm.execute(SetConfigCommand.of(item.key(), v)), "prop-");
        }
        List<String> unknown = doc.config().keySet().stream().filter(k -> ConfigOptions.find(k).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            group("Unknown keys");
            for (String k : unknown) {
                Button remove = new Button("Remove", new FontIcon("mdi2d-delete-outline"));
                remove.setOnAction(e -> vm.execute(SetConfigCommand.of(k, null)));
                row(new PropertyItem(k, k + " = " + doc.config().get(k), "Unknown keys", PropertyItem.Kind.TEXT, doc.config().get(k),
                        null, null, null, null, false, "", null), remove);
            }
        }
        showHelp("config/execution.checkpointing.interval", "Checkpoint interval", "");
    }

    private TextField plainText(String id, String value, String prompt) {
        TextField f = new TextField(value);
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private void group(String name) {
        Label l = new Label(name);
        l.getStyleClass().add("cs-prop-group");
        form.getChildren().add(l);
    }

    private void editorRow(PropertyItem item, java.util.function.Consumer<Object> commit, String idPrefix) {
        String[] local = new String[1];
        Label[] errorRef = new Label[1];
        EditorFactory.Editor editor = EditorFactory.create(item, idPrefix, new EditorFactory.Callbacks(
                commit,
                msg -> {
                    local[0] = msg;
                    showProblems();
                },
                () -> {
                    Schema s = selectedOperator == null ? null : vm.inputSchemasProperty().get().get(selectedOperator);
                    return s == null ? List.of() : s.names();
                }));
        Row r = row(item, editor.node(), local);
        errorRef[0] = r.error();
        editor.focusTarget().focusedProperty().addListener((obs, o, f) -> {
            if (f) {
                showHelpFor(item);
            }
        });
    }

    private Row row(PropertyItem item, Node editor) {
        return row(item, editor, new String[1]);
    }

    private Row row(PropertyItem item, Node editor, String[] local) {
        Label label = new Label(item.label() + (item.required() ? " *" : ""));
        label.getStyleClass().add("cs-prop-label");
        if (item.isSet() && item.helpKey() != null && item.helpKey().startsWith("config/")) {
            label.getStyleClass().add("cs-prop-set");
        }
        if (!item.summary().isEmpty()) {
            Tooltip t = new Tooltip(item.summary());
            t.setWrapText(true);
            t.setMaxWidth(360);
            label.setTooltip(t);
        }
        label.setOnMouseClicked(e -> showHelpFor(item));
        HBox head = new HBox(6, label);
        boolean config = item.helpKey() != null && item.helpKey().startsWith("config/");
        if (config && item.isSet()) {
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Button reset = new Button(null, new FontIcon("mdi2b-backup-restore"));
            reset.getStyleClass().addAll("flat", "small");
            reset.setId("reset-" + PropertyItem.idFor(item.key()));
            reset.setTooltip(new Tooltip("Remove the key: use the default"));
            reset.setOnAction(e -> vm.execute(SetConfigCommand.of(item.key(), null)));
            reset.setPadding(new Insets(0, 4, 0, 4));
            head.getChildren().addAll(spacer, reset);
        }
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(2, head, editor);
        box.setId("row-" + PropertyItem.idFor(item.key()));
        box.getStyleClass().add("cs-prop-row");
        String info = (config ? item.key() + "  ·  " : "") + defaultInfo(item);
        if (!info.isEmpty()) {
            Label def = new Label(info);
            def.getStyleClass().add("cs-prop-default");
            def.setWrapText(true);
            box.getChildren().add(def);
        }
        Label error = new Label();
        error.setId("error-" + PropertyItem.idFor(item.key()));
        error.getStyleClass().add("cs-prop-error");
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
        box.getChildren().add(error);
        form.getChildren().add(box);
        Row row = new Row(item, error, local);
        rows.put(item.key(), row);
        return row;
    }

    private static String defaultInfo(PropertyItem item) {
        StringBuilder sb = new StringBuilder();
        if (item.defaultText() != null) {
            sb.append("Default: ").append(item.defaultText());
        } else if (item.helpKey() != null && item.helpKey().startsWith("config/")) {
            sb.append("Default: none");
        }
        String range = item.rangeText();
        if (!range.isEmpty() && (item.kind() == PropertyItem.Kind.INTEGER || item.kind() == PropertyItem.Kind.DECIMAL)) {
            sb.append(sb.length() > 0 ? " · " : "").append(range);
        }
        return sb.toString();
    }

    private void showHelpFor(PropertyItem item) {
        if (item.helpKey() == null) {
            return;
        }
        showHelp(item.helpKey(), item.label(), item.summary());
    }

    private void showHelp(String helpKey, String title, String summary) {
        String text = HelpTexts.find(helpKey).orElse("# " + title + "\n\n" + summary
                + "\n\n(No help text has been written for this yet.)");
        help.setMarkdown(text);
    }

    private void showProblems() {
        JobDocument doc = vm.validatedDocumentProperty().get();
        Map<String, List<String>> byKey = new HashMap<>();
        StringBuilder opLevel = new StringBuilder();
        if (doc != null) {
            for (Problem p : vm.problems()) {
                ProblemLocation loc = ProblemLocation.of(p, doc);
                String key = null;
                if (selectedOperator == null && loc.configKey() != null) {
                    key = loc.configKey();
                } else if (selectedOperator != null && selectedOperator.equals(loc.operatorId())) {
                    key = loc.param();
                    if (key == null || !rows.containsKey(key)) {
                        opLevel.append(opLevel.length() > 0 ? "\n" : "").append(p.isError() ? "Error: " : "Warning: ").append(p.message());
                        continue;
                    }
                }
                if (key != null) {
                    byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add((p.isError() ? "" : "warning: ") + p.message());
                }
            }
        }
        operatorProblems.setText(opLevel.toString());
        operatorProblems.setVisible(opLevel.length() > 0);
        operatorProblems.setManaged(opLevel.length() > 0);
        rows.forEach((key, row) -> {
            String text = row.localError()[0] != null ? row.localError()[0]
                    : String.join("\n", byKey.getOrDefault(key, List.of()));
            boolean show = !Objects.requireNonNullElse(text, "").isEmpty();
            row.error().setText(text);
            row.error().setVisible(show);
            row.error().setManaged(show);
            row.error().getStyleClass().removeAll("cs-prop-warning");
            if (show && row.localError()[0] == null && text.startsWith("warning: ")) {
                row.error().getStyleClass().add("cs-prop-warning");
            }
        });
    }
}
