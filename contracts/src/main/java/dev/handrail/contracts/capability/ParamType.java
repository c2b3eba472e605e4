package dev.handrail.contracts.capability;

import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one capability parameter must be: its JSON type and bounds. Each type checks a value
 * ({@link #problem}, the message names the parameter and says what would fit) and describes
 * itself as JSON Schema ({@link #schema}); policy's validation, the executor's parsing and the
 * schemas agents read all come from here. Immutable.
 */
public sealed interface ParamType {

    /** Why {@code value} does not fit, if it does not; {@code value} is never null. */
    Optional<String> problem(String name, Object value);

    /** The JSON Schema of a value, without description or default. */
    Map<String, Object> schema();

    /**
     * Text of at most {@code maxLength} characters (code points); when required, blank text counts
     * as missing unless {@code blankAllowed} (an empty file is a file).
     */
    record Text(int maxLength, boolean blankAllowed) implements ParamType {

        /** Text that must not be blank when required. */
        public Text(int maxLength) {
            this(maxLength, false);
        }

        @Override
        public Optional<String> problem(String name, Object value) {
            if (!(value instanceof String text)) {
                return Optional.of("Parameter " + name + " must be text");
            }
            int length = text.codePointCount(0, text.length());
            return length > maxLength
                    ? Optional.of("Parameter " + name + " is " + length + " characters; at most " + maxLength
                            + " are allowed")
                    : Optional.empty();
        }

        @Override
        public Map<String, Object> schema() {
            return ordered("type", "string", "maxLength", maxLength);
        }
    }

    /** A whole number between {@code min} and {@code max}, inclusive. */
    record Whole(long min, long max) implements ParamType {
        @Override
        public Optional<String> problem(String name, Object value) {
            Optional<Long> n = integer(value);
            if (n.isEmpty()) {
                return Optional.of("Parameter " + name + " must be a whole number");
            }
            return n.get() < min || n.get() > max
                    ? Optional.of("Parameter " + name + " must be between " + min + " and " + max + ", not " + n.get())
                    : Optional.empty();
        }

        @Override
        public Map<String, Object> schema() {
            return ordered("type", "integer", "minimum", min, "maximum", max);
        }
    }

    /** {@code true} or {@code false}. */
    record Flag() implements ParamType {
        @Override
        public Optional<String> problem(String name, Object value) {
            return value instanceof Boolean
                    ? Optional.empty()
                    : Optional.of("Parameter " + name + " must be true or false");
        }

        @Override
        public Map<String, Object> schema() {
            return ordered("type", "boolean");
        }
    }

    /** One of a few words, in any letter case. */
    record Choice(List<String> words) implements ParamType {
        public Choice {
            words = List.copyOf(words);
        }

        @Override
        public Optional<String> problem(String name, Object value) {
            return value instanceof String s && words.contains(s.toLowerCase(Locale.ROOT))
                    ? Optional.empty()
                    : Optional.of("Parameter " + name + " must be one of " + String.join(", ", words));
        }

        @Override
        public Map<String, Object> schema() {
            return ordered("type", "string", "enum", words);
        }
    }

    /** Text, or a list of at most {@code maxItems} texts. */
    record TextOrTexts(int maxItems) implements ParamType {
        @Override
        public Optional<String> problem(String name, Object value) {
            if (value instanceof String) {
                return Optional.empty();
            }
            if (!(value instanceof Collection<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                return Optional.of("Parameter " + name + " must be text or a list of texts");
            }
            return list.size() > maxItems
                    ? Optional.of("Parameter " + name + " has " + list.size() + " items; at most " + maxItems
                            + " are allowed")
                    : Optional.empty();
        }

        @Override
        public Map<String, Object> schema() {
            return ordered(
                    "oneOf",
                    List.of(
                            ordered("type", "string"),
                            ordered("type", "array", "items", ordered("type", "string"), "maxItems", maxItems)));
        }
    }

    /** An object with named fields, each a parameter of its own; fields it does not name are refused. */
    record Fields(List<Param> fields) implements ParamType {
        public Fields {
            fields = List.copyOf(fields);
        }

        @Override
        public Optional<String> problem(String name, Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                return Optional.of("Parameter " + name + " must be an object with " + names());
            }
            for (Object key : map.keySet()) {
                if (fields.stream().noneMatch(field -> field.name().equals(key))) {
                    return Optional.of("Parameter " + name + " has no field " + key + "; it takes " + names());
                }
            }
            for (Param field : fields) {
                Object fieldValue = map.get(field.name());
                if (fieldValue == null) {
                    if (field.required()) {
                        return Optional.of("Parameter " + name + " needs " + field.name());
                    }
                } else {
                    Optional<String> problem = field.type().problem(name + "." + field.name(), fieldValue);
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Map<String, Object> schema() {
            return JsonSchemas.object(fields);
        }

        private String names() {
            return String.join(", ", fields.stream().map(Param::name).toList());
        }
    }

    /** A whole number, whatever integral type JSON gave it; empty for fractions, text and anything else. */
    static Optional<Long> integer(Object value) {
        return switch (value) {
            case Integer i -> Optional.of(i.longValue());
            case Long l -> Optional.of(l);
            case Short s -> Optional.of(s.longValue());
            case Byte b -> Optional.of(b.longValue());
            case BigInteger b when b.bitLength() < 64 -> Optional.of(b.longValue());
            case null, default -> Optional.empty();
        };
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
