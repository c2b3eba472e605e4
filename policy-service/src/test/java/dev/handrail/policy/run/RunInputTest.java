package dev.handrail.policy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.run.RunLink;
import dev.handrail.policy.RefusedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunInputTest {

    private static RunInput input(String json) {
        return new RunInput(Json.read(json.getBytes(StandardCharsets.UTF_8), JsonNode.class));
    }

    private static ErrorCode refusal(Runnable read) {
        try {
            read.run();
        } catch (RefusedException e) {
            return e.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void leasesLastSixtySecondsByDefaultAndAreClampedToFiveSecondsAndAnHour() {
        assertThat(input("{}").ttlSeconds()).isEqualTo(60);
        assertThat(input("{\"ttl_s\": 1}").ttlSeconds()).isEqualTo(5);
        assertThat(input("{\"ttl_s\": 99999}").ttlSeconds()).isEqualTo(3600);
        assertThat(refusal(() -> input("{\"ttl_s\": 2.5}").ttlSeconds())).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(() -> input("{\"ttl_s\": \"60\"}").ttlSeconds())).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void aTitleIsRequiredAndTrimmed() {
        assertThat(input("{\"title\": \"  Deploy  \"}").title()).isEqualTo("Deploy");
        assertThat(refusal(() -> input("{\"title\": \"   \"}").title())).isEqualTo(ErrorCode.INVALID_TITLE);
        assertThat(refusal(
                        () -> input("{\"title\": \"" + "x".repeat(201) + "\"}").title()))
                .isEqualTo(ErrorCode.INVALID_TITLE);
        assertThat(refusal(() -> input("{\"title\": 3}").title())).isEqualTo(ErrorCode.INVALID_BODY);
    }

    @Test
    void budgetsAreWholePositiveNumbersWithinTheirLimits() {
        assertThat(input("{\"budget\": {\"max_actions\": 5}}").budget("max_actions", 10))
                .isEqualTo(5);
        assertThat(input("{\"budget\": {}}").budget("max_actions", 10)).isNull();
        assertThat(input("{}").budget("max_actions", 10)).isNull();
        for (String bad : List.of("0", "11", "1.5", "\"5\"")) {
            assertThat(refusal(() -> input("{\"budget\": {\"max_actions\": " + bad + "}}")
                            .budget("max_actions", 10)))
                    .as(bad)
                    .isEqualTo(ErrorCode.VALIDATION_FAILED);
        }
        assertThat(refusal(() -> input("{\"budget\": 5}").budget("max_actions", 10)))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void artifactsAreTextJsonOrAnAbsoluteUri() {
        assertThat(input("{\"kind\": \"json\", \"content\": {\"a\": [1]}}")
                        .artifact()
                        .content())
                .isEqualTo("{\"a\":[1]}");
        assertThat(input("{\"kind\": \"uri\", \"content\": \"https://example.org/x\"}")
                        .artifact()
                        .kind())
                .isEqualTo("uri");
        assertThat(refusal(() -> input("{\"kind\": \"uri\", \"content\": \"relative/path\"}")
                        .artifact()))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(() -> input("{\"kind\": \"text\", \"content\": 5}").artifact()))
                .isEqualTo(ErrorCode.INVALID_BODY);
        assertThat(refusal(() ->
                        input("{\"kind\": \"binary\", \"content\": \"x\"}").artifact()))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThatThrownBy(() -> input("{\"kind\": \"text\"}").artifact()).isInstanceOf(RefusedException.class);
    }

    @Test
    void aSpentBudgetDeniesWhatPolicyWouldAdmitButLeavesADenialAsItIs() {
        RunLink link = new RunLink("r", "s", "t");
        RunMembership.Verdict spent = new RunMembership.Verdict(link, Check.pass("run", "in"), true, false);
        Decision allow = new Decision(Decision.Effect.ALLOW, List.of("risk_allows"), "v1");
        Decision deny = new Decision(Decision.Effect.DENY, List.of("blocked"), "v1");

        assertThat(spent.decided(allow).effect()).isEqualTo(Decision.Effect.DENY);
        assertThat(spent.decided(allow).reasons()).containsExactly("run_budget_exceeded");
        assertThat(spent.decided(deny)).isEqualTo(deny);
        assertThat(RunMembership.Verdict.NONE.decided(allow)).isEqualTo(allow);
        assertThat(new RunMembership.Verdict(link, Check.pass("run", "in"), false, false).decided(allow))
                .isEqualTo(allow);
    }

    @Test
    void aLostLeaseFailsValidationAndKeepsTheAction() {
        RunMembership.Verdict lost =
                new RunMembership.Verdict(new RunLink("r", "s", "t"), Check.fail("lease", "lost"), false, false);
        Validation valid = Validation.of(List.of(Check.pass("intent", "known")));

        assertThat(lost.validated(valid).valid()).isFalse();
        assertThat(lost.joins()).isFalse();
        assertThat(RunMembership.Verdict.NONE.validated(valid)).isEqualTo(valid);
    }
}
