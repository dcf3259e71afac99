package io.checkpointstudio.engine.config;

import io.checkpointstudio.engine.config.ConfigOption.ValueType;
import io.checkpointstudio.engine.job.Suggestions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the values a JSON document holds (strings, numbers, booleans) into typed option values and
 * back into Flink syntax. Strings are read as Flink reads them from a YAML file.
 */
final class ValueReader {

    private ValueReader() {
    }

    static Object read(ValueType type, Class<?> valueClass, Object raw) {
        return switch (type) {
            case DURATION -> readDuration(raw);
            case INTEGER -> readWholeNumber(raw, type).intValueExact();
            case LONG -> readWholeNumber(raw, type).longValueExact();
            case DOUBLE -> readDouble(raw);
            case BOOLEAN -> readBoolean(raw);
            case ENUM -> readEnum(valueClass, raw);
            case STRING, PATH -> readText(raw, type);
            case MEMORY_SIZE -> readMemorySize(raw);
        };
    }

    static String format(ValueType type, Object value) {
        return switch (type) {
            case DURATION -> Durations.format((Duration) value);
            case MEMORY_SIZE -> MemorySizes.format((Long) value);
            case ENUM -> ((ConfigEnum) value).written();
            default -> String.valueOf(value);
        };
    }

    /**
     * The JSON value that a {@code --set KEY=VALUE} string stands for: a number or boolean where the
     * option holds one and the text reads as one, else the text itself.
     */
    static Object jsonValue(ValueType type, String text) {
        String trimmed = text.strip();
        try {
            return switch (type) {
                case INTEGER -> Integer.valueOf(trimmed);
                case LONG -> Long.valueOf(trimmed);
                case DOUBLE -> Double.isFinite(Double.parseDouble(trimmed)) ? Double.valueOf(trimmed) : text;
                case BOOLEAN -> trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")
                        ? Boolean.valueOf(trimmed) : text;
                default -> text;
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Duration readDuration(Object raw) {
        if (raw instanceof String text) {
            return Durations.parse(text);
        }
        if (raw instanceof Number) {
            BigDecimal number = wholeNumberOrNull(raw);
            if (number != null && number.signum() >= 0) {
                try {
                    return Duration.ofMillis(number.longValueExact());
                } catch (ArithmeticException e) {
                    // falls through to the message below
                }
            }
        }
        throw expected(ValueType.DURATION.example(), raw);
    }

    private static long readMemorySize(Object raw) {
        if (raw instanceof String text) {
            return MemorySizes.parse(text);
        }
        BigDecimal number = wholeNumberOrNull(raw);
        if (number != null && number.signum() >= 0 && number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return number.longValueExact();
        }
        throw expected(ValueType.MEMORY_SIZE.example(), raw);
    }

    private static BigDecimal readWholeNumber(Object raw, ValueType type) {
        BigDecimal number = wholeNumberOrNull(raw);
        if (number == null) {
            throw expected(type.example(), raw);
        }
        BigInteger limit = BigInteger.valueOf(type == ValueType.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE);
        if (number.toBigInteger().abs().compareTo(limit) > 0) {
            throw new IllegalArgumentException(describe(raw) + " is too large; the largest allowed is " + limit);
        }
        return number;
    }

    private static double readDouble(Object raw) {
        try {
            double value = raw instanceof Number number ? number.doubleValue()
                    : raw instanceof String text ? Double.parseDouble(text.strip()) : Double.NaN;
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw expected(ValueType.DOUBLE.example(), raw);
    }

    private static boolean readBoolean(Object raw) {
        if (raw instanceof Boolean value) {
            return value;
        }
        if (raw instanceof String text) {
            String trimmed = text.strip();
            if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(trimmed);
            }
        }
        throw expected(ValueType.BOOLEAN.example(), raw);
    }

    private static Object readEnum(Class<?> valueClass, Object raw) {
        List<?> values = Arrays.asList(valueClass.getEnumConstants());
        if (raw instanceof String text) {
            String wanted = text.strip().toLowerCase(Locale.ROOT);
            for (Object value : values) {
                for (String spelling : ((ConfigEnum) value).spellings()) {
                    if (spelling.toLowerCase(Locale.ROOT).equals(wanted)) {
                        return value;
                    }
                }
            }
        }
        List<String> spellings = values.stream()
                .flatMap(value -> ((ConfigEnum) value).spellings().stream())
                .toList();
        String suggestion = raw instanceof String text ? Suggestions.closest(text.strip(), spellings) : null;
        IllegalArgumentException problem = expected("one of " + String.join(", ", spellings), raw);
        throw suggestion == null ? problem
                : new IllegalArgumentException(problem.getMessage() + "; did you mean '" + suggestion + "'?");
    }

    private static String readText(Object raw, ValueType type) {
        if (raw instanceof String text && !text.isBlank()) {
            return text;
        }
        throw expected(type.example(), raw);
    }

    /** The value as an integral BigDecimal, or null when it is not a whole number. */
    private static BigDecimal wholeNumberOrNull(Object raw) {
        BigDecimal number;
        try {
            if (raw instanceof BigDecimal decimal) {
                number = decimal;
            } else if (raw instanceof BigInteger integer) {
                number = new BigDecimal(integer);
            } else if (raw instanceof Double || raw instanceof Float) {
                number = BigDecimal.valueOf(((Number) raw).doubleValue());
            } else if (raw instanceof Number integral) {
                number = BigDecimal.valueOf(integral.longValue());
            } else if (raw instanceof String text) {
                number = new BigDecimal(text.strip());
            } else {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return number.stripTrailingZeros().scale() <= 0 ? number : null;
    }

    private static IllegalArgumentException expected(String what, Object raw) {
        return new IllegalArgumentException("expected " + what + ", got " + describe(raw));
    }

    /** How a raw value is quoted in a message: strings in quotes, objects and lists by kind. */
    static String describe(Object raw) {
        if (raw instanceof String text) {
            return "'" + text + "'";
        }
        if (raw instanceof Map<?, ?>) {
            return "an object";
        }
        if (raw instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(raw);
    }
}
