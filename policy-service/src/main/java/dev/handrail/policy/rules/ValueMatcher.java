package dev.handrail.policy.rules;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Any of several {@link ValuePattern}s; a rule's condition on one field. Immutable. */
public record ValueMatcher(List<ValuePattern> patterns) {

    public ValueMatcher {
        patterns = List.copyOf(patterns);
    }

    /** Whether {@code value} matches one of the patterns. */
    public boolean matches(String value) {
        return patterns.stream().anyMatch(p -> p.matches(value));
    }

    /**
     * Whether a parameter's value matches: text and numbers as written, a list when one of its
     * elements does, an object by its JSON-ish text. An absent parameter never matches.
     */
    public boolean matchesParam(Object value) {
        return switch (value) {
            case null -> false;
            case Collection<?> list -> list.stream().anyMatch(this::matchesParam);
            case Map<?, ?> map -> matches(map.toString());
            default -> matches(String.valueOf(value));
        };
    }

    /** The patterns as written, for messages. */
    public List<String> sources() {
        return patterns.stream().map(ValuePattern::source).toList();
    }
}
