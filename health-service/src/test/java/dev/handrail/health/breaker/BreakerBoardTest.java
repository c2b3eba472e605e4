package dev.handrail.health.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.error.Blame;
import dev.handrail.contracts.error.ErrorCode;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BreakerBoardTest {

    private static final String NODE = "desk-1";
    private static final String NODE_BREAKER = "node:desk-1";
    private static final String SHELL_BREAKER = "node:desk-1:shell.run";

    private final BreakerBoard board = new BreakerBoard(new BreakerConfig());

    @Test
    void createsANodeAndACapabilityBreakerOnTheFirstOutcome() {
        board.recordSuccess(ActionIds.next(), NODE, "shell.run", 120);

        assertThat(board.all()).containsOnlyKeys(NODE_BREAKER, SHELL_BREAKER);
        assertThat(board.all().get(SHELL_BREAKER).state()).isEqualTo("closed");
        assertThat(board.all().get(SHELL_BREAKER).stats().bufferedCalls()).isEqualTo(1);
        assertThat(board.all().get(SHELL_BREAKER).stats().failureRate()).isNull();
    }

    @Test
    void staysClosedBelowTheMinimumNumberOfCalls() {
        fail("shell.run", 4);

        assertThat(board.all().get(NODE_BREAKER).state()).isEqualTo("closed");
        assertThat(board.all().get(NODE_BREAKER).stats().failedCalls()).isEqualTo(4);
    }

    @Test
    void opensTheNodeAndCapabilityBreakersAfterFiveExecutionFailures() {
        fail("shell.run", 5);

        assertThat(board.all().get(NODE_BREAKER).state()).isEqualTo("open");
        assertThat(board.all().get(SHELL_BREAKER).state()).isEqualTo("open");
        assertThat(board.all().get(NODE_BREAKER).stats().failureRate()).isEqualTo(100f);
    }

    @Test
    void opensTheNodeBreakerWhenHalfOfItsActionsFailAcrossCapabilities() {
        for (int i = 0; i < 3; i++) {
            board.recordSuccess(ActionIds.next(), NODE, "file.read", 50);
        }
        fail("shell.run", 2);
        assertThat(board.all().get(NODE_BREAKER).state()).isEqualTo("closed");

        fail("window.focus", 1);

        assertThat(board.all().get(NODE_BREAKER).state()).isEqualTo("open");
        assertThat(board.all().get("node:desk-1:file.read").state()).isEqualTo("closed");
    }

    @Test
    void opensWhenMostActionsAreSlowEvenIfTheySucceed() {
        for (int i = 0; i < 5; i++) {
            board.recordSuccess(
                    ActionIds.next(), NODE, "app.launch", Duration.ofSeconds(11).toMillis());
        }

        assertThat(board.all().get(NODE_BREAKER).state()).isEqualTo("open");
        assertThat(board.all().get(NODE_BREAKER).stats().slowCallRate()).isEqualTo(100f);
    }

    @Test
    void ignoresContentMismatchAndValidationFailures() {
        for (int i = 0; i < 5; i++) {
            board.recordFailure(ActionIds.next(), NODE, "file.write", 10, "CONTENT_MISMATCH");
            board.recordFailure(ActionIds.next(), NODE, "file.write", 10, "VALIDATION_FAILED");
        }

        assertThat(board.all()).isEmpty();
    }

    @Test
    void ignoresEveryFailureThatBlamesTheRequestButCountsNodeFailures() {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.blame() == Blame.REQUEST) {
                for (int i = 0; i < 5; i++) {
                    board.recordFailure(ActionIds.next(), NODE, "shell.run", 10, code.code());
                }
            }
        }
        assertThat(board.all())
                .as("a non-zero exit, a sandbox refusal or bad params say nothing about the node")
                .isEmpty();

        for (int i = 0; i < 5; i++) {
            board.recordFailure(ActionIds.next(), NODE, "shell.run", 10, ErrorCode.TIMEOUT.code());
        }
        assertThat(board.all().get(NODE_BREAKER).state()).isEqualTo("open");
    }

    @Test
    void countsAnActionOnceEvenWhenItsEventArrivesAgain() {
        String actionId = ActionIds.next();
        for (int i = 0; i < 5; i++) {
            board.recordFailure(actionId, NODE, "shell.run", 10, "EXECUTION_ERROR");
        }

        assertThat(board.all().get(NODE_BREAKER).state()).isEqualTo("closed");
        assertThat(board.all().get(NODE_BREAKER).stats().bufferedCalls()).isEqualTo(1);
    }

    @Test
    void countsOutcomesAnOpenBreakerWouldHaveRefused() {
        fail("shell.run", 5);

        fail("shell.run", 2);

        assertThat(board.all().get(NODE_BREAKER).stats().notPermittedCalls()).isEqualTo(2);
    }

    @Test
    void resetClosesAnOpenBreakerAndEmptiesItsWindow() {
        fail("shell.run", 5);

        assertThat(board.reset(NODE_BREAKER))
                .hasValueSatisfying(view -> assertThat(view.state()).isEqualTo("closed"));

        assertThat(board.all().get(NODE_BREAKER).state()).isEqualTo("closed");
        assertThat(board.all().get(NODE_BREAKER).stats().bufferedCalls()).isZero();
        assertThat(board.all().get(SHELL_BREAKER).state()).isEqualTo("open");
    }

    @Test
    void resetOfAnUnknownBreakerFindsNothing() {
        assertThat(board.reset("node:nowhere")).isEmpty();
    }

    @Test
    void anOpenBreakerLetsTrialCallsThroughAfterItsWait() {
        BreakerConfig config = new BreakerConfig();
        config.setWaitInOpen(Duration.ofMillis(50));
        BreakerBoard quick = new BreakerBoard(config);
        for (int i = 0; i < 5; i++) {
            quick.recordFailure(ActionIds.next(), NODE, "shell.run", 10, "TIMEOUT");
        }
        assertThat(quick.all().get(NODE_BREAKER).state()).isEqualTo("open");

        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> quick.all().get(NODE_BREAKER).state().equals("half_open"));
        for (int i = 0; i < 3; i++) {
            quick.recordSuccess(ActionIds.next(), NODE, "shell.run", 10);
        }

        assertThat(quick.all().get(NODE_BREAKER).state()).isEqualTo("closed");
    }

    private void fail(String intent, int times) {
        for (int i = 0; i < times; i++) {
            board.recordFailure(ActionIds.next(), NODE, intent, 10, "EXECUTION_ERROR");
        }
    }
}
