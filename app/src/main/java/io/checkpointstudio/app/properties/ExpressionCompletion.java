package io.checkpointstudio.app.properties;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Completes the field name being typed in an expression field (and on Ctrl+Space) from the input schema. */
public final class ExpressionCompletion {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*$");

    private ExpressionCompletion() {
    }

    public static void install(TextField field, Supplier<List<String>> names) {
        ContextMenu menu = new ContextMenu();
        menu.setId("completion-" + field.getId());
        field.addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            boolean forced = e.getCode() == KeyCode.SPACE && e.isControlDown();
            if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.ENTER) {
                menu.hide();
                return;
            }
            if (!forced && !(e.getCode().isLetterKey() || e.getCode().isDigitKey() || e.getCode() == KeyCode.BACK_SPACE
                    || e.getCode() == KeyCode.UNDERSCORE || e.getCode() == KeyCode.MINUS)) {
                return;
            }
            String before = field.getText().substring(0, Math.min(field.getCaretPosition(), field.getText().length()));
            Matcher m = WORD.matcher(before);
            String prefix = m.find() ? m.group() : "";
            if (prefix.isEmpty() && !forced) {
                menu.hide();
                return;
            }
            List<String> matches = names.get().stream()
                    .filter(n -> n.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT)) && !n.equals(prefix))
                    .limit(12).toList();
            if (matches.isEmpty()) {
                menu.hide();
                return;
            }
            menu.getItems().clear();
            for (String name : matches) {
                MenuItem item = new MenuItem(name);
                item.setOnAction(a -> {
                    int caret = field.getCaretPosition();
                    field.replaceText(caret - prefix.length(), caret, name);
                    field.positionCaret(caret - prefix.length() + name.length());
                });
                menu.getItems().add(item);
            }
            if (!menu.isShowing()) {
                menu.show(field, Side.BOTTOM, 0, 0);
            }
        });
        field.focusedProperty().addListener((obs, o, focused) -> {
            if (!focused) {
                menu.hide();
            }
        });
    }
}
