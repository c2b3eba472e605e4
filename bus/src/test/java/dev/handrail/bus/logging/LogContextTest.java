package dev.handrail.bus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void anEnvelopePutsItsActionSessionAndPrincipalInTheMdcUntilClosed() {
        Envelope envelope = Envelope.of(
                "/test",
                new ExecuteCommand(
                        ActionIds.next(), "file.read", Map.of("path", "a"), "local", 1000, 0, "h", "s-1", "alice"),
                "alice",
                "s-1");
        MDC.put(LogContext.SESSION, "outer");

        try (LogContext about = LogContext.of(envelope)) {
            assertThat(MDC.get(LogContext.ACTION_ID)).isEqualTo(envelope.subject());
            assertThat(MDC.get(LogContext.PRINCIPAL)).isEqualTo("alice");
            assertThat(MDC.get(LogContext.SESSION)).isEqualTo("s-1");
        }

        assertThat(MDC.get(LogContext.ACTION_ID)).isNull();
        assertThat(MDC.get(LogContext.PRINCIPAL)).isNull();
        assertThat(MDC.get(LogContext.SESSION)).as("what was there before").isEqualTo("outer");
    }

    @Test
    void onlyCommandsAndActionEventsHaveTheirSubjectForActionId() {
        assertThat(LogContext.aboutAnAction("dev.handrail.command.execute.v1")).isTrue();
        assertThat(LogContext.aboutAnAction("dev.handrail.action.failed.v1")).isTrue();
        assertThat(LogContext.aboutAnAction("dev.handrail.notice.plan_refused.v1"))
                .isTrue();
        assertThat(LogContext.aboutAnAction("dev.handrail.run.changed.v1")).isFalse();
        assertThat(LogContext.aboutAnAction("dev.handrail.audit.checkpoint.v1")).isFalse();
    }

    @Test
    void aCapturedContextIsRestoredOnAnotherThread() throws Exception {
        Map<String, String> captured;
        try (LogContext about = LogContext.of("act_9", null, null, "bob")) {
            captured = LogContext.capture();
        }
        String[] seen = new String[2];
        Thread other = new Thread(() -> {
            try (LogContext restored = LogContext.restore(captured)) {
                seen[0] = MDC.get(LogContext.ACTION_ID);
            }
            seen[1] = MDC.get(LogContext.ACTION_ID);
        });
        other.start();
        other.join();

        assertThat(seen[0]).isEqualTo("act_9");
        assertThat(seen[1]).isNull();
    }
}
