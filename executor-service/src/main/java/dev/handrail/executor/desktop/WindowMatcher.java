package dev.handrail.executor.desktop;

import dev.handrail.contracts.error.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Finds the one window a title means: an exact match wins, then a match ignoring case, then a
 * window whose title contains the text (ignoring case). More than one window at the best level is
 * ambiguous and refused, naming the candidates, rather than guessed. Stateless.
 */
public final class WindowMatcher {

    private static final int SHOWN_CANDIDATES = 5;

    private WindowMatcher() {}

    /** The window {@code title} means among {@code windows}. */
    public static DesktopWindow byTitle(List<DesktopWindow> windows, String title) {
        if (title.isBlank()) {
            throw new DesktopException(ErrorCode.WINDOW_NOT_FOUND, "An empty title matches no window");
        }
        String lower = title.toLowerCase(Locale.ROOT);
        List<Predicate<String>> levels = List.of(
                title::equals,
                candidate -> candidate.toLowerCase(Locale.ROOT).equals(lower),
                candidate -> candidate.toLowerCase(Locale.ROOT).contains(lower));
        for (Predicate<String> level : levels) {
            List<DesktopWindow> matches = windows.stream()
                    .filter(w -> w.title() != null && level.test(w.title()))
                    .toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw new DesktopException(
                        ErrorCode.WINDOW_AMBIGUOUS,
                        matches.size() + " windows match '" + title
                                + "': "
                                + matches.stream()
                                        .limit(SHOWN_CANDIDATES)
                                        .map(w -> "'" + w.title() + "' (" + w.id() + ")")
                                        .toList()
                                + "; give more of the title");
            }
        }
        throw new DesktopException(ErrorCode.WINDOW_NOT_FOUND, "No window's title matches '" + title + "'");
    }
}
