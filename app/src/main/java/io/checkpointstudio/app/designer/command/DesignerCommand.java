package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.JobDocument;

/**
 * One undoable edit of the job document. The {@link CommandStack} calls {@link #execute} once, then
 * {@link #undo} and {@link #redo} as the user asks; a command never touches views.
 */
public interface DesignerCommand {

    /** Whether the command would change the document; a stack skips commands that would not. */
    boolean isExecutable(JobDocument current);

    /** Applies the edit and returns the new document. */
    JobDocument execute(JobDocument current);

    /** Returns the document as it was before {@link #execute}. */
    JobDocument undo(JobDocument current);

    /** Applies the edit again after an undo. */
    default JobDocument redo(JobDocument current) {
        return execute(current);
    }

    /** What the edit does, for the Edit menu: "Add Filter", "Move 3 operators". */
    String description();
}
