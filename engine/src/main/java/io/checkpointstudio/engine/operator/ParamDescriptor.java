package io.checkpointstudio.engine.operator;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of an operator type: what the property panel shows and edits, what validation checks,
 * and where its help text lives ({@code helpKey}, a file under ui-resources' help/operators folder).
 */
public record ParamDescriptor(
        String name,
        String label,
        ParamType type,
        Object defaultValue,
        boolean required,
        List<String> enumValues,
        Double min,
        Double max,
        String summary) {

    public ParamDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        label = label == null ? name : label;
        summary = summary == null ? "" : summary;
    }

    public static Builder builder(String name, ParamType type) {
        return new Builder(name, type);
    }

    /** Builds a parameter descriptor fluently; the operator classes declare their parameters with it. */
    public static final class Builder {
        private final String name;
        private final ParamType type;
        private String label;
        private Object defaultValue;
        private boolean required;
        private List<String> enumValues = List.of();
        private Double min;
        private Double max;
        private String summary;

        private Builder(String name, ParamType type) {
            this.name = name;
            this.type = type;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder values(String... values) {
            this.enumValues = List.of(values);
            return this;
        }

        public Builder range(double min, double max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public Builder min(double min) {
            this.min = min;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public ParamDescriptor build() {
            return new ParamDescriptor(name, label, type, defaultValue, required, enumValues, min, max, summary);
        }
    }
}
