package io.checkpointstudio.app.properties;

import io.checkpointstudio.engine.config.ConfigEnum;
import io.checkpointstudio.engine.config.ConfigOption;
import io.checkpointstudio.engine.config.ConfigOptions;
import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.OperatorSpec;
import io.checkpointstudio.engine.operator.OperatorDescriptor;
import io.checkpointstudio.engine.operator.ParamDescriptor;
import java.util.ArrayList;
import java.util.List;

/** Turns descriptors into property items: the panel is generated, never written per operator or option. */
public final class PropertyItems {
    private PropertyItems() {
    }

    public static List<PropertyItem> forOperator(OperatorDescriptor d, OperatorSpec op) {
        List<PropertyItem> items = new ArrayList<>();
        for (ParamDescriptor p : d.params()) {
            PropertyItem.Kind kind = switch (p.type()) {
                case STRING -> PropertyItem.Kind.TEXT;
                case LONG -> PropertyItem.Kind.INTEGER;
                case DOUBLE -> PropertyItem.Kind.DECIMAL;
                case BOOLEAN -> PropertyItem.Kind.BOOLEAN;
                case DURATION -> PropertyItem.Kind.DURATION;
                case ENUM -> PropertyItem.Kind.CHOICE;
                case FIELD -> PropertyItem.Kind.FIELD;
                case EXPRESSION -> PropertyItem.Kind.EXPRESSION;
                case FIELD_EXPRESSIONS -> PropertyItem.Kind.FIELD_EXPRESSIONS;
                case SCHEMA -> PropertyItem.Kind.SCHEMA;
                case PATH -> PropertyItem.Kind.FILE;
            };
            String def = p.defaultValue() == null ? null : String.valueOf(p.defaultValue());
            items.add(new PropertyItem(p.name(), p.label(), d.displayName(), kind, op.params().get(p.name()), def,
                    p.enumValues(), p.min(), p.max(), p.required(), p.summary(), d.helpKey()));
        }
        return items;
    }

    /** Every configuration option, in its group, keyed by the name the document uses (old or new). */
    public static List<PropertyItem> forConfig(JobDocument doc) {
        List<PropertyItem> items = new ArrayList<>();
        for (ConfigOption.Group group : ConfigOption.Group.values()) {
            for (ConfigOption<?> o : ConfigOptions.all()) {
                if (o.group() != group) {
                    continue;
                }
                String key = o.keys().stream().filter(doc.config()::containsKey).findFirst().orElse(o.key());
                PropertyItem.Kind kind = switch (o.type()) {
                    case DURATION -> PropertyItem.Kind.DURATION;
                    case INTEGER, LONG -> PropertyItem.Kind.INTEGER;
                    case DOUBLE -> PropertyItem.Kind.DECIMAL;
                    case BOOLEAN -> PropertyItem.Kind.BOOLEAN;
                    case ENUM -> PropertyItem.Kind.CHOICE;
                    case STRING -> PropertyItem.Kind.TEXT;
                    case PATH -> PropertyItem.Kind.FOLDER;
                    case MEMORY_SIZE -> PropertyItem.Kind.MEMORY;
                };
                List<String> choices = o.type() == ConfigOption.ValueType.ENUM ? preferredSpellings(o) : List.of();
                items.add(new PropertyItem(key, o.label(), group.displayName(), kind, doc.config().get(key),
                        o.defaultValue().isPresent() ? o.formatDefault() : null, choices,
                        o.min().map(PropertyItems::asDouble).orElse(null), o.max().map(PropertyItems::asDouble).orElse(null),
                        false, o.summary(), o.helpKey()));
            }
        }
        return items;
    }

    private static List<String> preferredSpellings(ConfigOption<?> o) {
        List<String> out = new ArrayList<>();
        for (Object c : o.valueClass().getEnumConstants()) {
            out.add(((ConfigEnum) c).spellings().get(0));
        }
        return out;
    }

    private static Double asDouble(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }
}
