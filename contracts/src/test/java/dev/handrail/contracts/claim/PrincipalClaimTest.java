package dev.handrail.contracts.claim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecideCommand.Verdict;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.contracts.message.PlanCommand;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PrincipalClaimTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    private static final KeyPair GATEWAY = ClaimKeys.generate();
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final ClaimSigner signer = new ClaimSigner("gateway", GATEWAY.getPrivate(), LIFETIME, at(NOW));
    private final ClaimVerifier verifier = verifierAt(NOW);

    @Test
    void aSignedPlanVerifiesAndSaysWhoSentIt() {
        Envelope signed = signer.sign(plan("agent-1"), "agent", "agent");

        ClaimVerifier.Result result = verifier.verify(Envelope.parse(signed.toBytes()));

        assertThat(result).isInstanceOfSatisfying(ClaimVerifier.Verified.class, v -> {
            assertThat(v.claim().principal()).isEqualTo("agent-1");
            assertThat(v.claim().issuer()).isEqualTo("gateway");
            assertThat(v.claim().commandId()).isEqualTo(signed.id());
            assertThat(v.claim().expiresAt()).isEqualTo(NOW.plus(LIFETIME));
        });
    }

    @Test
    void refusesACommandWithoutClaim() {
        assertThat(verifier.verify(plan("agent-1")))
                .isEqualTo(new ClaimVerifier.Refused("it carries no principal claim"));
    }

    @Test
    void refusesAClaimSignedWithAnotherKey() {
        ClaimSigner forger = new ClaimSigner("gateway", ClaimKeys.generate().getPrivate(), LIFETIME, at(NOW));

        assertThat(verifier.verify(forger.sign(plan("admin"), "user", "admin")))
                .isEqualTo(new ClaimVerifier.Refused("its principal claim's signature does not verify"));
    }

    @Test
    void refusesAClaimOfAnIssuerItDoesNotTrust() {
        ClaimSigner stranger = new ClaimSigner("executor", GATEWAY.getPrivate(), LIFETIME, at(NOW));

        assertThat(verifier.verify(stranger.sign(plan("agent-1"), null, null)))
                .isInstanceOf(ClaimVerifier.Refused.class);
    }

    @Test
    void refusesAnExpiredClaim() {
        Envelope signed = signer.sign(plan("agent-1"), "agent", "agent");

        assertThat(verifierAt(NOW.plus(LIFETIME).plusSeconds(6)).verify(signed))
                .isEqualTo(new ClaimVerifier.Refused("its principal claim expired at " + NOW.plus(LIFETIME)));
        assertThat(verifierAt(NOW.plus(LIFETIME).plusSeconds(4)).verify(signed))
                .isInstanceOf(ClaimVerifier.Verified.class);
    }

    @Test
    void refusesAClaimMovedOntoAnotherPayload() {
        Envelope signed = signer.sign(plan("agent-1"), "agent", "agent");
        ObjectNode altered = Objects.requireNonNull(signed.data()).deepCopy();
        altered.putObject("params").put("path", "secrets/key");
        Envelope replayed = new Envelope(
                signed.specversion(),
                signed.id(),
                signed.source(),
                signed.type(),
                signed.subject(),
                signed.time(),
                signed.datacontenttype(),
                signed.correlationid(),
                signed.causationid(),
                signed.principal(),
                signed.session(),
                altered,
                signed.principalclaim());

        assertThat(verifier.verify(replayed))
                .isEqualTo(new ClaimVerifier.Refused("its principal claim was made for another payload"));
    }

    @Test
    void refusesAClaimMovedOntoAnotherCommand() {
        Envelope signed = signer.sign(plan("operator-1"), "user", "operator");
        Envelope decide = Envelope.of(
                        "/test",
                        new DecideCommand(signed.subject(), Verdict.APPROVE, "operator-1", null),
                        "operator-1",
                        null)
                .withPrincipalClaim(signed.principalclaim());

        assertThat(verifier.verify(decide))
                .isEqualTo(new ClaimVerifier.Refused("its principal claim was made for another command"));
    }

    @Test
    void refusesAnEnvelopeWhosePrincipalWasChangedAfterSigning() {
        Envelope signed = signer.sign(plan("agent-1"), "agent", "agent");

        assertThat(verifier.verify(signed.withPrincipal("admin", null)))
                .isEqualTo(new ClaimVerifier.Refused("its principal claim names another principal than the envelope"));
    }

    @Test
    void refusesAMalformedClaim() {
        assertThat(verifier.verify(plan("agent-1").withPrincipalClaim("not-a-claim")))
                .isEqualTo(new ClaimVerifier.Refused("its principal claim is malformed"));
    }

    @Test
    void keysSurviveTheirTextForm() {
        KeyPair pair = ClaimKeys.generate();
        ClaimSigner fromText = new ClaimSigner(
                "gateway", ClaimKeys.privateKey(ClaimKeys.encode(pair.getPrivate())), LIFETIME, at(NOW));
        ClaimVerifier checking = new ClaimVerifier(
                Map.of("gateway", ClaimKeys.publicKey(ClaimKeys.encode(pair.getPublic()))),
                Duration.ofSeconds(5),
                at(NOW));

        assertThat(checking.verify(fromText.sign(plan("agent-1"), null, null)))
                .isInstanceOf(ClaimVerifier.Verified.class);
    }

    private static Envelope plan(String principal) {
        PlanCommand plan = new PlanCommand(
                ActionIds.next(),
                "file.read",
                Map.of("path", "notes.txt", "n", 1.5),
                "s-1",
                principal,
                null,
                false,
                null,
                null,
                Map.of(),
                null,
                NOW);
        return Envelope.of("/handrail/gateway/1", plan, principal, "s-1");
    }

    private static ClaimVerifier verifierAt(Instant now) {
        return new ClaimVerifier(Map.of("gateway", GATEWAY.getPublic()), Duration.ofSeconds(5), at(now));
    }

    private static Clock at(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }
}
