package io.checkpointstudio.app.designer.command;

import io.checkpointstudio.engine.job.JobDocument;
import java.util.Objects;

/** Sets the job's name and description. */
public final class SetJobInfoCommand extends DocumentCommand {
    private final String name;
    private final String description;

    public SetJobInfoCommand(String name, String description) {
        this.name = name;
        this.description = description == null || description.isBlank() ? null : description;
    }

    @Override
    protected JobDocument apply(JobDocument doc) {
        if (Objects.equals(doc.name(), name) && Objects.equals(doc.description(), description)) {
            return doc;
        }
        return new JobDocument(doc.format(), name, description, doc.config(), doc.operators(), doc.edges(), doc.layout());
    }

    @Override
    public String description() {
        return "Edit job name and description";
    }
}
