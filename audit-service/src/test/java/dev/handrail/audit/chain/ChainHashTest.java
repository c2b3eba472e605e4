package dev.handrail.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.audit.Lifecycles;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final String ACTION = "01JD7Z3Q4R5S6T7V8W9X0Y1Z2A";
    private static final Envelope FIXED = new Envelope(
            "1.0",
            ACTION + ".validated",
            "/handrail/policy-service/1",
            "dev.handrail.action.validated.v1",
            ACTION,
            Instant.parse("2026-11-21T10:15:30.123Z"),
            "application/json",
            ACTION,
            "01JD7Z3Q4R5S6T7V8W9X0Y1Z9E",
            "agent-7",
            "s-1",
            Json.mapper().valueToTree(new ActionValidated(ACTION, "file.read", Lifecycles.VALID, false)));

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(ChainHash.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void fixedEnvelopeAfterGenesisHasItsPinnedHash() {
        String json = new String(FIXED.toBytes(), StandardCharsets.UTF_8);

        assertThat(ChainHash.ofEnvelopeJson(ChainHash.GENESIS, json))
                .isEqualTo("1774dc36b67df5ae4e03fd97bac4abaa6dc0393de134f7d6624365e95b881fc9");
    }

    @Test
    void hashIsSha256OfPrevHashTextThenCanonicalJson() {
        // SHA-256 of the 64 zero characters followed by "{}", computed independently (sha256sum).
        assertThat(ChainHash.next(ChainHash.GENESIS, "{}"))
                .isEqualTo("5508d2b710e64bc470079e1b211d9c58e21011e59d0559e422345dc19d659a75");
    }

    @Test
    void sameJsonInAnotherLayoutHashesTheSame() {
        String compact = "{\"b\":[1,2],\"a\":{\"y\":1.5,\"x\":\"v\"}}";
        String asJsonbPrintsIt = "{\"a\": {\"x\": \"v\", \"y\": 1.50}, \"b\": [1, 2]}";

        assertThat(ChainHash.ofEnvelopeJson(ChainHash.GENESIS, asJsonbPrintsIt))
                .isEqualTo(ChainHash.ofEnvelopeJson(ChainHash.GENESIS, compact));
    }

    @Test
    void hashDependsOnThePreviousHash() {
        String json = new String(FIXED.toBytes(), StandardCharsets.UTF_8);
        String first = ChainHash.ofEnvelopeJson(ChainHash.GENESIS, json);

        assertThat(ChainHash.ofEnvelopeJson(first, json)).isNotEqualTo(first).hasSize(64);
    }
}
