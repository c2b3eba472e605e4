package dev.handrail.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionMakerTest {

    private final DecisionMaker decisions = new DecisionMaker();

    static Stream<Capability> catalogue() {
        return CapabilityCatalogue.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void followsTheCataloguesApprovalRule(Capability capability) {
        Decision decision = decisions.decide(capability);

        Decision expected = capability.requiresApproval()
                ? new Decision(Effect.REQUIRE_APPROVAL, List.of("risk_requires_approval"), "builtin-1")
                : new Decision(Effect.ALLOW, List.of("risk_allows"), "builtin-1");
        assertThat(decision).isEqualTo(expected);
    }

    @Test
    void allowsFileReadOutright() {
        assertThat(decisions.decide(CapabilityCatalogue.find("file.read").orElseThrow()).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void holdsShellRunForApproval() {
        assertThat(decisions.decide(CapabilityCatalogue.find("shell.run").orElseThrow()).effect())
                .isEqualTo(Effect.REQUIRE_APPROVAL);
    }

    @Test
    void namesTheOperatorInItsReasons() {
        assertThat(decisions.operatorApproved())
                .isEqualTo(new Decision(Effect.ALLOW, List.of("approved_by_operator"), "builtin-1"));
        assertThat(decisions.operatorDenied())
                .isEqualTo(new Decision(Effect.DENY, List.of("denied_by_operator"), "builtin-1"));
    }
}
