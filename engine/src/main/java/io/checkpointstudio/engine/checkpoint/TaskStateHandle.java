package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/** One task (chain) of a checkpoint: its name, the ids of its operators, its parallelism and its subtasks' state. */
public record TaskStateHandle(String name, List<String> operatorIds, int parallelism, List<SubtaskStateHandle> subtasks) {
}
