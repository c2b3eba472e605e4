package dev.handrail.health.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.devkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The breakers' state machine on an injected clock: which moves happen, when, why, and after how many trial calls. */
class BreakerStateMachineTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final String NODE = "desk-1";
    private static final String NODE_BREAKER = "node:desk-1";

    private final MutableClock clock = new MutableClock(START);
    private final List<BreakerTransition> moves = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final BreakerBoard board = new BreakerBoard(new BreakerConfig(), clock, new BreakerListener() {
        @Override
        public void created(String name, String node, String intent, Instant at) {
            created.add(name);
        }

        @Override
        public void transitioned(BreakerTransition transition) {
            moves.add(transition);
        }
    });

    @Test
    void opensOnTheFifthOutcomeWhenHalfFailAndNumbersTheMove() {
        succeed(2);
        fail(2);
        assertThat(state()).isEqualTo("closed");
        assertThat(moves).isEmpty();

        fail(1);

        assertThat(state()).isEqualTo("open");
        assertThat(created).containsExactly(NODE_BREAKER);
        assertThat(moves).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo(NODE_BREAKER);
            assertThat(m.seq()).isEqualTo(1);
            assertThat(m.from()).isEqualTo("closed");
            assertThat(m.to()).isEqualTo("open");
            assertThat(m.reason()).isEqualTo("failure_rate");
            assertThat(m.openUntil()).isEqualTo(START.plusSeconds(30));
            assertThat(m.at()).isEqualTo(START);
            assertThat(m.eventId()).isEqualTo("node:desk-1.transition.1");
        });
    }

    @Test
    void staysOpenUntilItsWaitIsOverThenLetsExactlyThreeTrialCallsDecide() {
        fail(5);

        clock.advance(Duration.ofSeconds(30).minusMillis(1));
        board.tick();
        succeed(1);
        assertThat(state()).isEqualTo("open");
        assertThat(board.all().get(NODE_BREAKER).stats().notPermittedCalls()).isEqualTo(1);

        clock.advanceMillis(1);
        board.tick();
        assertThat(state()).isEqualTo("half_open");
        succeed(2);
        assertThat(state()).isEqualTo("half_open");
        succeed(1);

        assertThat(state()).isEqualTo("closed");
        assertThat(moves)
                .extracting(m -> m.from() + ">" + m.to() + ":" + m.reason() + "#" + m.seq())
                .containsExactly(
                        "closed>open:failure_rate#1",
                        "open>half_open:wait_elapsed#2",
                        "half_open>closed:trial_calls_succeeded#3");
    }

    @Test
    void opensAgainWhenTwoOfTheThreeTrialCallsFail() {
        fail(5);
        clock.advance(Duration.ofSeconds(30));
        board.tick();

        fail(1);
        succeed(1);
        assertThat(state()).isEqualTo("half_open");
        fail(1);

        assertThat(state()).isEqualTo("open");
        assertThat(moves).extracting(BreakerTransition::to).containsExactly("open", "half_open", "open");
        assertThat(moves.get(2).openUntil()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void anOutcomeAfterTheWaitMovesAnOpenBreakerToHalfOpenAndCountsAsATrial() {
        fail(5);
        clock.advance(Duration.ofSeconds(31));

        succeed(1);

        assertThat(state()).isEqualTo("half_open");
        assertThat(board.all().get(NODE_BREAKER).stats().bufferedCalls()).isEqualTo(1);
    }

    @Test
    void aNodeThatIsDownHoldsItsBreakerOpenPastAnyWaitAndGoesHalfOpenWhenBack() {
        succeed(1);

        board.followNode(NODE, true);
        clock.advance(Duration.ofHours(1));
        board.tick();
        board.followNode(NODE, true);

        assertThat(state()).isEqualTo("open");
        assertThat(board.all().get(NODE_BREAKER).held()).isTrue();
        assertThat(board.all().get(NODE_BREAKER).openUntil()).isNull();

        board.followNode(NODE, false);
        assertThat(state()).isEqualTo("half_open");
        succeed(3);

        assertThat(state()).isEqualTo("closed");
        assertThat(moves)
                .extracting(m -> m.to() + ":" + m.reason() + ":" + m.held())
                .containsExactly(
                        "open:node_down:true", "half_open:node_back:false", "closed:trial_calls_succeeded:false");
    }

    @Test
    void aNodeDownWithoutAnyOutcomeGetsAHeldNodeBreaker() {
        board.followNode("desk-9", true);

        assertThat(board.all()).containsOnlyKeys("node:desk-9");
        assertThat(board.all().get("node:desk-9").state()).isEqualTo("open");
        assertThat(created).containsExactly("node:desk-9");
    }

    @Test
    void holdingATrippedBreakerChangesNoVisibleStateAndKeepsItsSeq() {
        fail(5);

        board.followNode(NODE, true);

        assertThat(moves).hasSize(2);
        assertThat(moves.get(1).visible()).isFalse();
        assertThat(moves.get(1).seq()).isEqualTo(1);
        assertThat(moves.get(1).held()).isTrue();
    }

    @Test
    void resetIsAMoveToClosedLikeAnyOther() {
        fail(5);

        board.reset(NODE_BREAKER);

        assertThat(moves)
                .extracting(m -> m.from() + ">" + m.to() + ":" + m.reason() + "#" + m.seq())
                .containsExactly("closed>open:failure_rate#1", "open>closed:reset#2");
    }

    @Test
    void restoresStoredStatesQuietlyAndNumbersLaterMovesOnFromTheStoredSeq() {
        board.restore(List.of(
                new StoredBreaker(NODE_BREAKER, NODE, null, "open", false, START.plusSeconds(10), 7, START),
                new StoredBreaker("node:desk-2", "desk-2", null, "open", true, null, 3, START),
                new StoredBreaker("node:desk-3", "desk-3", null, "half_open", false, null, 4, START),
                new StoredBreaker("node:desk-1:shell.run", NODE, "shell.run", "closed", false, null, 0, START)));

        assertThat(moves).isEmpty();
        assertThat(created).isEmpty();
        assertThat(board.all())
                .extractingFromEntries(e -> e.getKey() + "=" + e.getValue().state())
                .containsExactly(
                        "node:desk-1=open",
                        "node:desk-1:shell.run=closed",
                        "node:desk-2=open",
                        "node:desk-3=half_open");
        assertThat(board.all().get("node:desk-2").held()).isTrue();

        clock.advance(Duration.ofSeconds(10));
        board.tick();

        assertThat(state()).isEqualTo("half_open");
        assertThat(moves).singleElement().satisfies(m -> {
            assertThat(m.seq()).isEqualTo(8);
            assertThat(m.reason()).isEqualTo("wait_elapsed");
        });
    }

    private String state() {
        return board.all().get(NODE_BREAKER).state();
    }

    private void succeed(int times) {
        for (int i = 0; i < times; i++) {
            board.recordSuccess(ActionIds.next(), NODE, null, 10);
        }
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            board.recordFailure(ActionIds.next(), NODE, null, 10, "EXECUTION_ERROR");
        }
    }
}
