package io.checkpointstudio.engine.checkpoint;

import java.util.List;

/**
 * One task (chain) of a checkpoint: its name, the ids, types and state signatures of its operators, its
 * parallelism and its subtasks' state.
 */
public record TaskStateHandle(String name, List<String> operatorIds, List<String> operatorTypes, List<String> stateSignatures,
                              int parallelism, List<SubtaskStateHandle> subtasks) {

    public String typeOf(String operatorId) {
        int i = operatorIds.indexOf(operatorId);
        return i < 0 || operatorTypes == null ? null : operatorTypes.get(i);
    }

    public String signatureOf(String operatorId) {
        int i = operatorIds.indexOf(operatorId);
        return i < 0 || stateSignatures == null ? null : stateSignatures.get(i);
    }
}
