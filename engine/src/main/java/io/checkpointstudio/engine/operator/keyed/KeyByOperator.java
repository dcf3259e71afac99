package io.checkpointstudio.engine.operator.keyed;

import io.checkpointstudio.engine.operator.Category;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import io.checkpointstudio.engine.operator.ParamType;
import io.checkpointstudio.engine.record.FieldType;
import java.util.HashSet;
import java.util.Set;

/**
 * Partitions records by a key field so that all records of one key meet in the same subtask of the keyed
 * operator after it. Like Flink's {@code keyBy}, it is not a step that runs: the planner turns it into a
 * hash-partitioned connection by key group.
 */
public final class KeyByOperator {
    public static final String TYPE = "key-by";
    public static final String KEY = "key";

    public static final OperatorDescriptor DESCRIPTOR = OperatorDescriptor.builder(TYPE, Category.KEYED, "Key by")
            .summary("Groups records by a key for the keyed operator after it")
            .icon("mdi2k-key-variant")
            .keyed(false)
            .stateful(false)
            .inputs(1, Integer.MAX_VALUE)
            .onlyRepartitionsBy(KEY)
            .param(ParamDescriptor.builder(KEY, ParamType.FIELD).label("Key field").required()
                    .summary("The field whose value decides which subtask a record goes to (long or string)").build())
            .schema(ctx -> {
                ctx.requireField(KEY, ctx.params().getString(KEY), FieldType.LONG, FieldType.STRING);
                return ctx.input();
            })
            .nullableFields((params, nullableInput, output) -> {
                // a record with a null key fails the job here, so the key is never null after a key-by
                Set<String> nullable = new HashSet<>(nullableInput);
                nullable.remove(params.getString(KEY));
                return nullable;
            })
            .factory(setup -> {
                throw new IllegalStateException("key-by is planned into the partitioning of its edges and never runs");
            })
            .build();

    private KeyByOperator() {
    }
}
