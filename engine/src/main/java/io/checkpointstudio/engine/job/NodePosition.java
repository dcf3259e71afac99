package io.checkpointstudio.engine.job;

/** Where the designer draws an operator; written as {@code [x, y]} in the document's layout section. */
public record NodePosition(double x, double y) {
}
