package dev.handrail.policy.validation;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The type and shape each capability's parameters must have: text, flag, whole number in a
 * range, one of a few words, or text and lists of text. Parameters a capability does not name
 * are left to the executor. Pure.
 */
public final class ParamRules {

    /** URL schemes {@code browser.open} may open. */
    public static final Set<String> URL_SCHEMES = Set.of("http", "https");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    /** What one parameter must be. */
    sealed interface Shape {
        /** Why {@code value} does not fit, if it does not. */
        Optional<String> problem(String name, Object value);
    }

    record Text() implements Shape {
        @Override
        public Optional<String> problem(String name, Object value) {
            return value instanceof String ? Optional.empty() : Optional.of("Parameter " + name + " must be text");
        }
    }

    record Flag() implements Shape {
        @Override
        public Optional<String> problem(String name, Object value) {
            return value instanceof Boolean ? Optional.empty() : Optional.of("Parameter " + name + " must be true or false");
        }
    }

    record Whole(long min, long max) implements Shape {
        @Override
        public Optional<String> problem(String name, Object value) {
            Optional<Long> n = integer(value);
            if (n.isEmpty()) {
                return Optional.of("Parameter " + name + " must be a whole number");
            }
            return n.get() < min || n.get() > max
                    ? Optional.of("Parameter " + name + " must be between " + min + " and " + max) : Optional.empty();
        }
    }

    record OneOf(Set<String> words) implements Shape {
        @Override
        public Optional<String> problem(String name, Object value) {
            return value instanceof String s && words.contains(s.toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of("Parameter " + name + " must be one of " + String.join(", ", words.stream().sorted().toList()));
        }
    }

    record TextOrTexts() implements Shape {
        @Override
        public Optional<String> problem(String name, Object value) {
            boolean fits = value instanceof String
                    || value instanceof Collection<?> list && list.stream().allMatch(String.class::isInstance);
            return fits ? Optional.empty() : Optional.of("Parameter " + name + " must be text or a list of texts");
        }
    }

    /** A screen rectangle: an object of four whole numbers, its sides from 1 to {@link dev.handrail.contracts.message.ScreenBounds#MAX_REGION_SIDE}. */
    record Region() implements Shape {
        private static final Whole COORDINATE = new Whole(Integer.MIN_VALUE, Integer.MAX_VALUE);
        private static final Whole SIDE = new Whole(1, dev.handrail.contracts.message.ScreenBounds.MAX_REGION_SIDE);

        @Override
        public Optional<String> problem(String name, Object value) {
            if (!(value instanceof Map<?, ?> region) || !region.keySet().equals(Set.of("x", "y", "width", "height"))) {
                return Optional.of("Parameter " + name + " must be an object with x, y, width and height");
            }
            return Stream.of("x", "y", "width", "height")
                    .map(side -> (side.length() == 1 ? COORDINATE : SIDE).problem(name + "." + side, region.get(side)))
                    .flatMap(Optional::stream).findFirst();
        }
    }

    private static final Shape TEXT = new Text();
    private static final Map<String, Map<String, Shape>> SHAPES = Map.ofEntries(
            Map.entry("file.read", Map.of("path", TEXT)),
            Map.entry("file.write", Map.of("path", TEXT, "content", TEXT)),
            Map.entry("shell.run", Map.of("command", TEXT)),
            Map.entry("browser.open", Map.of("url", TEXT)),
            Map.entry("app.launch", Map.of("target", TEXT, "args", new TextOrTexts(), "working_dir", TEXT)),
            Map.entry("app.close", Map.of("target", TEXT, "force", new Flag())),
            Map.entry("window.focus", Map.of("title", TEXT)),
            Map.entry("keyboard.type", Map.of("text", TEXT, "delay_ms", new Whole(0, 1_000))),
            Map.entry("keyboard.hotkey", Map.of("keys", new TextOrTexts())),
            Map.entry("mouse.click", Map.of("x", new Whole(Integer.MIN_VALUE, Integer.MAX_VALUE),
                    "y", new Whole(Integer.MIN_VALUE, Integer.MAX_VALUE),
                    "button", new OneOf(Set.of("left", "right", "middle")), "clicks", new Whole(1, 3))),
            Map.entry("clipboard.write", Map.of("text", TEXT)),
            Map.entry("screen.capture", Map.of("region", new Region(), "window", TEXT, "monitor", new Whole(0, Integer.MAX_VALUE))));

    private ParamRules() {
    }

    /** The first parameter of {@code intent} that has the wrong type or shape, described; empty when all fit. */
    public static Optional<String> problem(String intent, Map<String, Object> params) {
        Map<String, Shape> shapes = SHAPES.getOrDefault(intent, Map.of());
        return shapes.keySet().stream().sorted()
                .filter(name -> params.get(name) != null)
                .map(name -> shapes.get(name).problem(name, params.get(name)))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** A whole number, whatever integral type JSON gave it; empty for fractions, text and anything else. */
    public static Optional<Long> integer(Object value) {
        return switch (value) {
            case Integer i -> Optional.of(i.longValue());
            case Long l -> Optional.of(l);
            case Short s -> Optional.of(s.longValue());
            case BigInteger b when b.bitLength() < 64 -> Optional.of(b.longValue());
            case null, default -> Optional.empty();
        };
    }

    /** Why {@code url} may not be opened, if it may not: it must be an absolute http or https URL with a host. */
    public static Optional<String> urlProblem(String url) {
        Matcher scheme = SCHEME.matcher(url.trim());
        if (!scheme.find()) {
            return Optional.of("url must use http or https, not no scheme");
        }
        if (!URL_SCHEMES.contains(scheme.group(1).toLowerCase(Locale.ROOT))) {
            return Optional.of("url must use http or https, not " + scheme.group(1).toLowerCase(Locale.ROOT) + ":");
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of("url must name a host");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("url is not a valid URL: " + e.getReason());
        }
    }

    /** Parameter names whose shape is checked for {@code intent}, for messages. */
    static List<String> checked(String intent) {
        return SHAPES.getOrDefault(intent, Map.of()).keySet().stream().sorted().toList();
    }
}
