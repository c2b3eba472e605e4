package dev.handrail.executor.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.contracts.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowMatcherTest {

    static final DesktopWindow NOTES = window("1", "Notes");
    static final DesktopWindow NOTES_LOWER = window("2", "notes");
    static final DesktopWindow EDITOR = window("3", "todo.txt - Notes Editor");
    static final DesktopWindow BROWSER = window("4", "Inbox - Browser");

    @Test
    void prefersAnExactTitleThenOneIgnoringCaseThenOneContainingTheText() {
        assertThat(WindowMatcher.byTitle(List.of(NOTES, NOTES_LOWER, EDITOR), "Notes"))
                .isEqualTo(NOTES);
        assertThat(WindowMatcher.byTitle(List.of(NOTES, EDITOR), "NOTES")).isEqualTo(NOTES);
        assertThat(WindowMatcher.byTitle(List.of(NOTES, EDITOR, BROWSER), "inbox"))
                .isEqualTo(BROWSER);
    }

    @Test
    void refusesToGuessBetweenEquallyGoodMatches() {
        assertThatThrownBy(() -> WindowMatcher.byTitle(List.of(NOTES, NOTES_LOWER), "NOTES"))
                .isInstanceOf(DesktopException.class)
                .hasMessageContaining("'Notes' (1)")
                .hasMessageContaining("'notes' (2)")
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.WINDOW_AMBIGUOUS);
    }

    @Test
    void saysWhenNothingMatches() {
        assertThatThrownBy(() -> WindowMatcher.byTitle(List.of(NOTES), "Calculator"))
                .isInstanceOf(DesktopException.class)
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.WINDOW_NOT_FOUND);
        assertThatThrownBy(() -> WindowMatcher.byTitle(List.of(NOTES), " "))
                .extracting(e -> ((DesktopException) e).code())
                .isEqualTo(ErrorCode.WINDOW_NOT_FOUND);
    }

    private static DesktopWindow window(String id, String title) {
        return new DesktopWindow(id, title, null, null, 0, 0, 100, 100);
    }
}
