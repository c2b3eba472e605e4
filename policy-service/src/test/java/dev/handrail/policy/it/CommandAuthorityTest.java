package dev.handrail.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.claim.ClaimKeys;
import dev.handrail.contracts.claim.ClaimSigner;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.message.PlanRefused;
import dev.handrail.devkit.Infrastructure;
import dev.handrail.policy.action.PolicyAction;
import dev.handrail.policy.action.PolicyActionState;
import dev.handrail.policy.action.PolicyActionStore;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Policy takes a command only with a principal claim it can verify: plans and decisions sent
 * over NATS without one, with a forged or expired one, or with one lifted from another command
 * or payload, are refused with a notice, and nothing is stored or run.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandAuthorityTest extends TappedPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    PolicyActionStore actions;

    @Test
    void refusesAPlanWithoutClaim() {
        PlanCommand plan = Driver.plan("file.read", Map.of("path", "/tmp/a"));

        publish(Subjects.CMD_PLAN, unsigned(plan));

        assertPlanRefused(plan, "it carries no principal claim");
    }

    @Test
    void refusesAPlanSignedWithAKeyPolicyDoesNotTrust() {
        PlanCommand plan = Driver.plan("file.read", Map.of("path", "/tmp/a"));
        ClaimSigner forger =
                new ClaimSigner("gateway", ClaimKeys.generate().getPrivate(), Duration.ofMinutes(5), Clock.systemUTC());

        publish(Subjects.CMD_PLAN, forger.sign(unsigned(plan), "user", "admin"));

        assertPlanRefused(plan, "its principal claim's signature does not verify");
    }

    @Test
    void refusesAPlanWhosePayloadWasAlteredAfterSigning() {
        PlanCommand plan = Driver.plan("file.read", Map.of("path", "/tmp/a"));
        Envelope signed = Driver.signed(unsigned(plan));
        ObjectNode altered = signed.data().deepCopy();
        altered.put("principal", "admin");

        publish(
                Subjects.CMD_PLAN,
                new Envelope(
                        signed.specversion(),
                        signed.id(),
                        signed.source(),
                        signed.type(),
                        signed.subject(),
                        signed.time(),
                        signed.datacontenttype(),
                        signed.correlationid(),
                        signed.causationid(),
                        "admin",
                        signed.session(),
                        altered,
                        signed.principalclaim()));

        assertPlanRefused(plan, "its principal claim was made for another payload");
    }

    @Test
    void refusesAPlanWithAnExpiredClaim() {
        PlanCommand plan = Driver.plan("file.read", Map.of("path", "/tmp/a"));
        ClaimSigner lastHour = new ClaimSigner(
                "gateway",
                ClaimKeys.privateKey(
                        ClaimKeys.read(Infrastructure.shared().gatewayClaimKey().privateKeyFile())),
                Duration.ofMinutes(5),
                Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC));

        publish(Subjects.CMD_PLAN, lastHour.sign(unsigned(plan), null, null));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.messages(plan.actionId(), PlanRefused.class))
                        .singleElement()
                        .satisfies(r -> assertThat(r.message()).contains("its principal claim expired at")));
        assertThat(actions.find(plan.actionId())).isEmpty();
    }

    @Test
    void refusesADecisionWhoseClaimWasMadeForAnotherCommandAndLeavesTheApprovalPending() {
        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls")));
        await().atMost(WAIT)
                .until(() -> actions.find(id).map(PolicyAction::state).orElse(null) == PolicyActionState.PENDING);
        Envelope someoneElses = Driver.signed(Envelope.of(
                Driver.SOURCE, new DecideCommand(id, Verdict.DENY, "operator-1", null), "operator-1", null));
        Envelope decide = Envelope.of(
                        Driver.SOURCE, new DecideCommand(id, Verdict.APPROVE, "operator-1", null), "operator-1", null)
                .withPrincipalClaim(someoneElses.principalclaim());

        publish(Subjects.CMD_DECIDE, decide);
        publish(
                Subjects.CMD_DECIDE,
                Envelope.of(
                        Driver.SOURCE, new DecideCommand(id, Verdict.APPROVE, "operator-2", null), "operator-2", null));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.messages(id, DecisionRefused.class))
                        .extracting(DecisionRefused::code)
                        .containsExactly("UNVERIFIED_PRINCIPAL", "UNVERIFIED_PRINCIPAL"));
        assertThat(tap.about(id).stream().filter(s -> s.kind().equals("DecisionRefused")))
                .allSatisfy(s -> assertThat(s.envelope().principal()).isNull());
        assertThat(tap.messages(id, ExecuteCommand.class)).isEmpty();
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.PENDING);
    }

    @Test
    void refusesADecisionWhoseInsidePrincipalDiffersFromItsClaim() {
        String id = driver.send(Driver.plan("shell.run", Map.of("command", "ls")));
        await().atMost(WAIT)
                .until(() -> actions.find(id).map(PolicyAction::state).orElse(null) == PolicyActionState.PENDING);

        publish(
                Subjects.CMD_DECIDE,
                Driver.signed(Envelope.of(
                        Driver.SOURCE,
                        new DecideCommand(id, Verdict.APPROVE, "someone-else", null),
                        "operator-1",
                        null)));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.messages(id, DecisionRefused.class))
                        .singleElement()
                        .satisfies(r -> assertThat(r.message())
                                .endsWith("the command names another principal than its claim")));
        assertThat(actions.find(id)).map(PolicyAction::state).contains(PolicyActionState.PENDING);
    }

    private void assertPlanRefused(PlanCommand plan, String reason) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(tap.messages(plan.actionId(), PlanRefused.class))
                        .containsExactly(new PlanRefused(
                                plan.actionId(),
                                "UNVERIFIED_PRINCIPAL",
                                "Plan " + plan.actionId() + " is refused: " + reason)));
        assertThat(tap.kinds(plan.actionId())).containsExactly("PlanRefused");
        assertThat(actions.find(plan.actionId())).isEmpty();
    }

    private static Envelope unsigned(PlanCommand plan) {
        return Envelope.of(Driver.SOURCE, plan, plan.principal(), plan.sessionId());
    }

    private void publish(String subject, Envelope envelope) {
        bus.publish(subject, envelope).join();
    }
}
