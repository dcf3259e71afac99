package io.checkpointstudio.engine.state;

/** The kinds of keyed state. */
public enum StateKind {
    VALUE, REDUCING, LIST, MAP
}
