package dev.handrail.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.action.ActionView;
import dev.handrail.devkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnsweredViewsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AnsweredViews answered = new AnsweredViews(clock);

    @Test
    void aReadBehindWhatWasAnsweredGetsTheAnswer() {
        answered.answered(view("a1", ActionState.SUCCEEDED));

        assertThat(answered.aheadOf("a1", Optional.of(view("a1", ActionState.VALIDATED))))
                .map(ActionView::state)
                .contains(ActionState.SUCCEEDED);
        assertThat(answered.aheadOf("a1", Optional.empty()))
                .as("not projected yet")
                .map(ActionView::state)
                .contains(ActionState.SUCCEEDED);
    }

    @Test
    void aReadAsFarOrFurtherIsItsOwnAnswer() {
        answered.answered(view("a1", ActionState.PENDING_APPROVAL));

        assertThat(answered.aheadOf("a1", Optional.of(view("a1", ActionState.PENDING_APPROVAL))))
                .isEmpty();
        assertThat(answered.aheadOf("a1", Optional.of(view("a1", ActionState.SUCCEEDED))))
                .isEmpty();
        assertThat(answered.aheadOf("other", Optional.of(view("other", ActionState.PLANNED))))
                .isEmpty();
    }

    @Test
    void anOlderAnswerNeverReplacesALaterOne() {
        answered.answered(view("a1", ActionState.EXECUTING));
        answered.answered(view("a1", ActionState.APPROVED));

        assertThat(answered.aheadOf("a1", Optional.of(view("a1", ActionState.APPROVED))))
                .map(ActionView::state)
                .contains(ActionState.EXECUTING);
    }

    @Test
    void answersAreKeptForAWhileOnly() {
        answered.answered(view("a1", ActionState.SUCCEEDED));
        clock.advance(AnsweredViews.KEEP.plus(Duration.ofSeconds(1)));

        assertThat(answered.aheadOf("a1", Optional.empty())).isEmpty();
    }

    private static ActionView view(String id, ActionState state) {
        return new ActionView(
                id,
                "file.read",
                state,
                null,
                false,
                null,
                "s",
                "agent",
                "local",
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
