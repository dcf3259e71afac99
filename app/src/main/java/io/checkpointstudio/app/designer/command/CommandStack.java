package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.JobDocument;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The history of edits of one job document, and the document itself. Every change goes through here, so
 * panels listen to {@link #revisionProperty()} (or the document) rather than to many events. The history
 * is bounded and survives saves; opening another document resets it.
 */
public final class CommandStack {
    private final int limit;
    private final Deque<DesignerCommand> undo = new ArrayDeque<>();
    private final Deque<DesignerCommand> redo = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<JobDocument> document;
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyObjectWrapper<String> undoDescription = new ReadOnlyObjectWrapper<>(this, "undoDescription", "");
    private final ReadOnlyObjectWrapper<String> redoDescription = new ReadOnlyObjectWrapper<>(this, "redoDescription", "");

    public CommandStack(JobDocument initial, int limit) {
        this.document = new ReadOnlyObjectWrapper<>(this, "document", Objects.requireNonNull(initial));
        this.limit = limit;
    }

    public CommandStack(JobDocument initial) {
        this(initial, 500);
    }

    public ReadOnlyObjectProperty<JobDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public JobDocument document() {
        return document.get();
    }

    /** Grows by one with every execute, undo, redo and reset. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public long revision() {
        return revision.get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> undoDescriptionProperty() {
        return undoDescription.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<String> redoDescriptionProperty() {
        return redoDescription.getReadOnlyProperty();
    }

    // Commands

    /** Runs a command and records it; returns false (and records nothing) when it would change nothing. */
    public boolean execute(DesignerCommand command) {
        if (!command.isExecutable(document.get())) {
            return false;
        }
        JobDocument next = command.execute(document.get());
        undo.push(command);
        while (undo.size() > limit) {
            undo.removeLast();
        }
        redo.clear();
        publish(next);
        return true;
    }

    public Optional<String> undo() {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        DesignerCommand c = undo.pop();
        redo.push(c);
        publish(c.undo(document.get()));
        return Optional.of(c.description());
    }

    public Optional<String> redo() {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        DesignerCommand c = redo.pop();
        undo.push(c);
        publish(c.redo(document.get()));
        return Optional.of(c.description());
    }

    /** Replaces the document and forgets the history (New, Open). */
    public void reset(JobDocument newDocument) {
        undo.clear();
        redo.clear();
        publish(Objects.requireNonNull(newDocument));
    }

    private void publish(JobDocument next) {
        document.set(next);
        revision.set(revision.get() + 1);
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoDescription.set(undo.isEmpty() ? "" : undo.peek().description());
        redoDescription.set(redo.isEmpty() ? "" : redo.peek().description());
    }
}
