package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.JobDocument;

/**
 * A command defined by a pure function of the document. Undo restores the document the command saw:
 * commands are undone in stack order, so that document is exactly the one before it.
 */
public abstract class DocumentCommand implements DesignerCommand {
    private JobDocument before;

    /** The edited document; returns {@code doc} itself when nothing would change. */
    protected abstract JobDocument apply(JobDocument doc);

    @Override
    public boolean isExecutable(JobDocument current) {
        return !apply(current).equals(current);
    }

    @Override
    public final JobDocument execute(JobDocument current) {
        before = current;
        return apply(current);
    }

    @Override
    public final JobDocument undo(JobDocument current) {
        if (before == null) {
            throw new IllegalStateException("undo before execute: " + description());
        }
        return before;
    }
}
