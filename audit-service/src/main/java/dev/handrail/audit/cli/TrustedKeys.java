package dev.handrail.audit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handrail.audit.chain.CheckpointSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the public keys an auditor trusts from a file: the JSON that {@code GET
 * /v1/audit/public-key} answers (every key in {@code keys}), a PEM {@code PUBLIC KEY} block, or the
 * bare base64 of the X.509 encoding. Stateless.
 */
final class TrustedKeys {

    private TrustedKeys() {}

    static List<PublicKey> read(Path file) throws IOException {
        String text = Files.readString(file).trim();
        if (text.startsWith("{")) {
            JsonNode json = new ObjectMapper().readTree(text);
            List<PublicKey> keys = new ArrayList<>();
            json.path("keys")
                    .forEach(k -> keys.add(
                            CheckpointSignature.publicKey(k.path("public_key").asText())));
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(file + " lists no keys");
            }
            return keys;
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return List.of(CheckpointSignature.publicKey(base64));
    }
}
