package dev.handrail.contracts.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for JSON that every service can carry and keep: the gateway refuses a body that
 * breaks it, and the audit store applies it before it canonicalises (RFC 8785) and stores an
 * event, so nothing the door accepts is dropped further in. JSON is storable when no string (key
 * or value) holds U+0000 (PostgreSQL's jsonb refuses it) or a lone UTF-16 surrogate (neither
 * UTF-8 nor jsonb can hold one), every number is a finite IEEE-754 double that keeps its
 * magnitude (RFC 8785 writes numbers as doubles: {@code 1e400} or 400 digits overflow, a
 * non-zero {@code 1e-400} would become 0), and objects and arrays nest at most a given depth.
 * Stateless and safe across threads.
 */
public final class StorableJson {

    /** How deep a request body may nest objects and arrays. */
    public static final int MAX_BODY_DEPTH = 64;

    /** How deep a message may nest: a body's depth plus the envelope and record levels around it. */
    public static final int MAX_MESSAGE_DEPTH = MAX_BODY_DEPTH + 16;

    private static final int MAX_POINTER_CHARS = 120;

    /** Numbers of any length reach the rule below (which answers for them) rather than the parser's length limit. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private StorableJson() {}

    /** What is wrong with a text, if anything. */
    public record Problem(Kind kind, @Nullable String message) {}

    /** Whether the text is not JSON at all, or JSON holding a value that cannot be kept. */
    public enum Kind {
        NOT_JSON,
        UNSTORABLE_VALUE
    }

    /** The first problem of {@code json} (nesting at most {@code maxDepth}), or empty when it is storable. */
    public static Optional<Problem> check(String json, int maxDepth) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                Optional<String> problem = switch (token) {
                    case START_OBJECT, START_ARRAY ->
                        ++depth > maxDepth
                                ? Optional.of("The JSON nests objects and arrays deeper than " + maxDepth
                                        + " levels (at "
                                        + pointer(parser.getParsingContext().getParent()) + ")")
                                : Optional.empty();
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        yield Optional.empty();
                    }
                    case FIELD_NAME ->
                        badText(parser.currentName())
                                .map(what -> "A key in "
                                        + pointer(parser.getParsingContext().getParent()) + " holds " + what);
                    case VALUE_STRING ->
                        badText(parser.getText())
                                .map(what -> "The string at " + pointer(parser.getParsingContext()) + " holds " + what);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        representable(parser.getText())
                                ? Optional.empty()
                                : Optional.of("The number at " + pointer(parser.getParsingContext())
                                        + " is not a finite IEEE-754 double (RFC 8785 keeps numbers as doubles: at most about"
                                        + " 1.8e308 and at least about 4.9e-324 in size); send it as a string");
                    default -> Optional.empty();
                };
                if (problem.isPresent()) {
                    return Optional.of(new Problem(Kind.UNSTORABLE_VALUE, problem.get()));
                }
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of(new Problem(Kind.NOT_JSON, e.getOriginalMessage()));
        } catch (IOException e) {
            return Optional.of(new Problem(Kind.NOT_JSON, e.getMessage()));
        }
    }

    /** What in {@code text} cannot be stored: U+0000 or a surrogate without its pair. */
    private static Optional<String> badText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("U+0000 (NUL), which cannot be stored; remove it");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format(
                        "a lone UTF-16 surrogate (U+%04X), which is not a character; send"
                                + " the whole pair or remove it",
                        (int) c));
            }
        }
        return Optional.empty();
    }

    /** Whether a JSON number reads as a finite double of the same magnitude (not overflowed, not flushed to zero). */
    static boolean representable(String number) {
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return false;
        }
        return value != 0.0 || zeroLiteral(number);
    }

    private static boolean zeroLiteral(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private static String pointer(JsonStreamContext context) {
        String pointer = context == null ? "" : context.pathAsPointer().toString();
        if (pointer.isEmpty()) {
            return "the top level";
        }
        return pointer.length() > MAX_POINTER_CHARS ? pointer.substring(0, MAX_POINTER_CHARS) + "..." : pointer;
    }
}
