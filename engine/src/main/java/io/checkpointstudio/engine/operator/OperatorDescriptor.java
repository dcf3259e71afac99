package io.checkpointstudio.engine.operator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the studio knows about one operator type, in one place: the palette (category, name, icon),
 * the ports, whether it is keyed, its parameters, its help text, how it derives its output schema, and
 * how the engine creates it. The palette, the property panels, validation and the Flink translation all
 * read this descriptor; adding an operator is one class that declares one plus its help text.
 *
 * @param type        the id used in job documents ({@code "filter"})
 * @param minInputs   0 for sources; at least 1 otherwise
 * @param maxInputs   how many incoming edges it accepts (several inputs are a union of equal schemas)
 * @param hasOutput   false for sinks
 * @param keyed       whether it needs a {@code key-by} directly upstream and keeps per-key state
 * @param stateful    whether it keeps state that checkpoints capture (sources keep their positions)
 * @param icon        an Ikonli icon literal for the palette
 * @param exactlyOnceSink for sinks: whether its output holds every record exactly once after a failure
 *                    under EXACTLY_ONCE (a transactional or idempotent sink); false means replayed records
 *                    show up again
 * @param nullableFields which output fields can be null (validation warns at a key-by on such a field)
 * @param partitionKeyParam for an operator that only repartitions (key-by: it runs no task of its own, the
 *                    planner turns it into hash-partitioned connections): the parameter naming the key field
 *                    the operators after it are keyed by; null for every other operator
 */
public record OperatorDescriptor(
        String type,
        Category category,
        String displayName,
        String summary,
        String icon,
        int minInputs,
        int maxInputs,
        boolean hasOutput,
        boolean keyed,
        boolean stateful,
        List<ParamDescriptor> params,
        SchemaDeriver schemaDeriver,
        OperatorFactory factory,
        boolean exactlyOnceSink,
        NullableFields nullableFields,
        String partitionKeyParam) {

    public OperatorDescriptor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(schemaDeriver, "schemaDeriver");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(nullableFields, "nullableFields");
        params = List.copyOf(params);
    }

    public boolean isSource() {
        return minInputs == 0 && maxInputs == 0;
    }

    public boolean isSink() {
        return !hasOutput;
    }

    /** Whether it only repartitions records by a key (no task of its own: it runs inside its edges), as key-by. */
    public boolean onlyRepartitions() {
        return partitionKeyParam != null;
    }

    public Optional<ParamDescriptor> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The help text's key: {@code operators/<type>} under ui-resources' help folder. */
    public String helpKey() {
        return "operators/" + type;
    }

    public static Builder builder(String type, Category category, String displayName) {
        return new Builder(type, category, displayName);
    }

    /** Declares an operator type fluently. */
    public static final class Builder {
        private final String type;
        private final Category category;
        private final String displayName;
        private String summary = "";
        private String icon = "mdi2c-cog";
        private int minInputs = 1;
        private int maxInputs = 1;
        private boolean hasOutput = true;
        private boolean keyed;
        private boolean stateful;
        private final java.util.ArrayList<ParamDescriptor> params = new java.util.ArrayList<>();
        private SchemaDeriver schemaDeriver;
        private OperatorFactory factory;
        private boolean exactlyOnceSink;
        private NullableFields nullableFields = NullableFields.PASS_THROUGH;
        private String partitionKeyParam;

        private Builder(String type, Category category, String displayName) {
            this.type = type;
            this.category = category;
            this.displayName = displayName;
            if (category == Category.SOURCE) {
                minInputs = 0;
                maxInputs = 0;
            }
            if (category == Category.SINK) {
                hasOutput = false;
            }
            if (category == Category.KEYED || category == Category.WINDOW) {
                keyed = true;
                stateful = true;
            }
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder icon(String icon) {
            this.icon = icon;
            return this;
        }

        public Builder inputs(int min, int max) {
            this.minInputs = min;
            this.maxInputs = max;
            return this;
        }

        public Builder stateful(boolean stateful) {
            this.stateful = stateful;
            return this;
        }

        public Builder keyed(boolean keyed) {
            this.keyed = keyed;
            return this;
        }

        public Builder param(ParamDescriptor p) {
            params.add(p);
            return this;
        }

        public Builder params(List<ParamDescriptor> ps) {
            params.addAll(ps);
            return this;
        }

        /** This sink's output holds every record exactly once after a failure (transactional or idempotent). */
        public Builder exactlyOnceSink() {
            this.exactlyOnceSink = true;
            return this;
        }

        public Builder schema(SchemaDeriver deriver) {
            this.schemaDeriver = deriver;
            return this;
        }

        /** Which output fields can be null; by default those passed on under their name that could be before. */
        public Builder nullableFields(NullableFields nullableFields) {
            this.nullableFields = nullableFields;
            return this;
        }

        /**
         * This operator only repartitions records by the field its parameter {@code keyParam} names; the
         * planner turns it into hash-partitioned connections, and the operators after it are keyed by that field.
         */
        public Builder onlyRepartitionsBy(String keyParam) {
            this.partitionKeyParam = keyParam;
            return this;
        }

        public Builder factory(OperatorFactory factory) {
            this.factory = factory;
            return this;
        }

        public OperatorDescriptor build() {
            return new OperatorDescriptor(type, category, displayName, summary, icon, minInputs, maxInputs, hasOutput,
                    keyed, stateful, params, schemaDeriver, factory, exactlyOnceSink, nullableFields, partitionKeyParam);
        }
    }
}
