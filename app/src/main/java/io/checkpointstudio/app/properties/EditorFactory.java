package io.checkpointstudio.app.properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointstudio.engine.config.Durations;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One editor per {@link PropertyItem.Kind}. An editor shows the current value (or the default as a prompt),
 * checks what it can locally (numbers, ranges, durations) and commits a JSON-ready value, or null to unset.
 */
public final class EditorFactory {
    private static final String DEFAULT_CHOICE = "(default)";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the panel needs from an editor. */
    public record Editor(Node node, Control focusTarget) {
    }

    /** Commits a value; localError shows (or, with null, clears) a problem the editor found itself. */
    public record Callbacks(Consumer<Object> commit, Consumer<String> localError, Supplier<List<String>> fieldNames) {
    }

    private EditorFactory() {
    }

    public static Editor create(PropertyItem item, String idPrefix, Callbacks cb) {
        String id = idPrefix + PropertyItem.idFor(item.key());
        return switch (item.kind()) {
            case TEXT, MEMORY -> text(item, id, cb, s -> s);
            case INTEGER -> text(item, id, cb, s -> number(item, s, true));
            case DECIMAL -> text(item, id, cb, s -> number(item, s, false));
            case DURATION -> text(item, id, cb, s -> {
                Durations.parse(s);
                return s;
            });
            case EXPRESSION -> {
                Editor e = text(item, id, cb, s -> s);
                ExpressionCompletion.install((TextField) e.focusTarget(), cb.fieldNames());
                yield e;
            }
            case BOOLEAN -> choice(item, id, cb, List.of("true", "false"), true);
            case CHOICE -> choice(item, id, cb, item.choices(), true);
            case FIELD -> field(item, id, cb);
            case FILE, FOLDER -> path(item, id, cb);
            case SCHEMA -> schema(item, id, cb);
            case FIELD_EXPRESSIONS -> FieldExpressionsEditor.create(item, id, cb);
        };
    }

    interface Parser {
        Object parse(String text) throws Exception;
    }

    private static Editor text(PropertyItem item, String id, Callbacks cb, Parser parser) {
        TextField field = new TextField(item.value() == null ? "" : String.valueOf(item.value()));
        field.setId(id);
        field.setPromptText(item.defaultText() == null ? (item.required() ? "required" : "not set") : item.defaultText());
        Runnable commit = () -> commitText(field, cb, parser);
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((obs, o, focused) -> {
            if (!focused) {
                commit.run();
            }
        });
        return new Editor(field, field);
    }

    static void commitText(TextInputControl field, Callbacks cb, Parser parser) {
        String s = field.getText() == null ? "" : field.getText().trim();
        if (s.isEmpty()) {
            field.getStyleClass().remove("cs-invalid");
            cb.localError().accept(null);
            cb.commit().accept(null);
            return;
        }
        try {
            Object v = parser.parse(s);
            field.getStyleClass().remove("cs-invalid");
            cb.localError().accept(null);
            cb.commit().accept(v);
        } catch (Exception e) {
            if (!field.getStyleClass().contains("cs-invalid")) {
                field.getStyleClass().add("cs-invalid");
            }
            cb.localError().accept(e.getMessage() == null ? "not a valid value" : e.getMessage());
        }
    }

    private static Object number(PropertyItem item, String s, boolean whole) {
        double d;
        Object v;
        try {
            if (whole) {
                long l = Long.parseLong(s.replace("_", ""));
                d = l;
                v = l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
            } else {
                d = Double.parseDouble(s);
                v = d;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not " + (whole ? "a whole number" : "a number"));
        }
        if ((item.min() != null && d < item.min()) || (item.max() != null && d > item.max())) {
            throw new IllegalArgumentException("must be " + item.rangeText() + ", got " + s);
        }
        return v;
    }

    private static Editor choice(PropertyItem item, String id, Callbacks cb, List<String> values, boolean withDefault) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        List<String> all = new ArrayList<>();
        if (withDefault) {
            all.add(DEFAULT_CHOICE);
        }
        all.addAll(values);
        box.setItems(FXCollections.observableArrayList(all));
        box.setMaxWidth(Double.MAX_VALUE);
        String current = item.value() == null ? DEFAULT_CHOICE : String.valueOf(item.value());
        if (!all.contains(current)) {
            box.getItems().add(current);
        }
        box.setValue(current);
        box.valueProperty().addListener((obs, o, n) -> {
            if (n == null || n.equals(DEFAULT_CHOICE)) {
                cb.commit().accept(null);
            } else if (item.kind() == PropertyItem.Kind.BOOLEAN) {
                cb.commit().accept(Boolean.parseBoolean(n));
            } else {
                cb.commit().accept(n);
            }
        });
        return new Editor(box, box);
    }

    private static Editor field(PropertyItem item, String id, Callbacks cb) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setEditable(true);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPromptText(item.defaultText() == null ? "a field of the input" : item.defaultText());
        box.getItems().setAll(cb.fieldNames().get());
        box.setOnShowing(e -> box.getItems().setAll(cb.fieldNames().get()));
        box.getEditor().setText(item.value() == null ? "" : String.valueOf(item.value()));
        box.setValue(item.value() == null ? null : String.valueOf(item.value()));
        Runnable commit = () -> commitText(box.getEditor(), cb, s -> s);
        box.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(o)) {
                box.getEditor().setText(n);
                commit.run();
            }
        });
        box.getEditor().focusedProperty().addListener((obs, o, focused) -> {
            if (!focused) {
                commit.run();
            }
        });
        return new Editor(box, box.getEditor());
    }

    private static Editor path(PropertyItem item, String id, Callbacks cb) {
        Editor text = text(item, id, cb, s -> s);
        TextField field = (TextField) text.focusTarget();
        Button choose = new Button(null, new FontIcon("mdi2f-folder-open-outline"));
        choose.setId(id + "-choose");
        choose.setTooltip(new Tooltip(item.kind() == PropertyItem.Kind.FOLDER ? "Choose a folder" : "Choose a file"));
        choose.setOnAction(e -> {
            File chosen;
            if (item.kind() == PropertyItem.Kind.FOLDER) {
                DirectoryChooser dc = new DirectoryChooser();
                dc.setTitle(item.label());
                chosen = dc.showDialog(field.getScene().getWindow());
            } else {
                FileChooser fc = new FileChooser();
                fc.setTitle(item.label());
                chosen = fc.showOpenDialog(field.getScene().getWindow());
            }
            if (chosen != null) {
                field.setText(item.kind() == PropertyItem.Kind.FOLDER ? chosen.toURI().toString() : chosen.getPath());
                commitText(field, cb, s -> s);
            }
        });
        HBox box = new HBox(4, field, choose);
        HBox.setHgrow(field, Priority.ALWAYS);
        return new Editor(box, field);
    }

    private static Editor schema(PropertyItem item, String id, Callbacks cb) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPrefRowCount(4);
        area.setWrapText(true);
        area.setPromptText("[{\"name\": \"userId\", \"type\": \"long\"}]");
        try {
            area.setText(item.value() == null ? "" : JSON.writeValueAsString(item.value()));
        } catch (Exception e) {
            area.setText(String.valueOf(item.value()));
        }
        area.focusedProperty().addListener((obs, o, focused) -> {
            if (!focused) {
                commitText(area, cb, s -> JSON.readValue(s, Object.class));
            }
        });
        return new Editor(area, area);
    }

    /** Rows of output field name and expression, in order, with add and remove. */
    static final class FieldExpressionsEditor {
        private FieldExpressionsEditor() {
        }

        static Editor create(PropertyItem item, String id, Callbacks cb) {
            VBox rows = new VBox(4);
            rows.setId(id);
            Map<String, Object> initial = item.value() instanceof Map<?, ?> m ? castMap(m) : Map.of();
            List<TextField[]> fields = new ArrayList<>();
            Runnable commit = () -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (TextField[] f : fields) {
                    if (!f[0].getText().isBlank()) {
                        out.put(f[0].getText().trim(), f[1].getText().trim());
                    }
                }
                cb.commit().accept(out.isEmpty() ? null : out);
            };
            Button add = new Button("Add field", new FontIcon("mdi2p-plus"));
            add.setId(id + "-add");
            Consumer<String[]> addRow = new Consumer<>() {
                @Override
                public void accept(String[] kv) {
                    TextField name = new TextField(kv[0]);
                    name.setPromptText("name");
                    name.setPrefColumnCount(6);
                    name.setId(id + "-name-" + fields.size());
                    TextField expr = new TextField(kv[1]);
                    expr.setPromptText("expression");
                    expr.setId(id + "-expr-" + fields.size());
                    ExpressionCompletion.install(expr, cb.fieldNames());
                    Button remove = new Button(null, new FontIcon("mdi2c-close"));
                    remove.getStyleClass().add("flat");
                    TextField[] pair = {name, expr};
                    fields.add(pair);
                    HBox row = new HBox(4, name, expr, remove);
                    HBox.setHgrow(expr, Priority.ALWAYS);
                    remove.setOnAction(e -> {
                        fields.remove(pair);
                        rows.getChildren().remove(row);
                        commit.run();
                    });
                    for (TextField f : pair) {
                        f.setOnAction(e -> commit.run());
                        f.focusedProperty().addListener((obs, o, focused) -> {
                            if (!focused) {
                                commit.run();
                            }
                        });
                    }
                    rows.getChildren().add(rows.getChildren().size() - 1, row);
                }
            };
            rows.getChildren().add(add);
            initial.forEach((k, v) -> addRow.accept(new String[] {k, String.valueOf(v)}));
            add.setOnAction(e -> addRow.accept(new String[] {"", ""}));
            return new Editor(rows, fields.isEmpty() ? add : fields.get(0)[0]);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> castMap(Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
    }
}
