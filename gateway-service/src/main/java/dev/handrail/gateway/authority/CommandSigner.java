package dev.handrail.gateway.authority;

import dev.handrail.contracts.claim.ClaimSigner;
import dev.handrail.contracts.message.Envelope;
import dev.handrail.gateway.auth.Caller;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * Signs each command the gateway sends with a principal claim: the authenticated caller, bound to
 * the command's id, type, action and payload, so policy can tell the command came through the
 * gateway's authentication and not merely over its NATS identity (ADR 0013). Loaded at start:
 * the gateway does not start without its key. Immutable and thread-safe.
 */
@Context
public class CommandSigner {

    private final ClaimSigner signer;

    public CommandSigner(ClaimConfig config) {
        try {
            this.signer = config.signer("gateway", Clock.systemUTC())
                    .orElseThrow(() -> new ConfigurationException(ClaimConfig.PREFIX
                            + ".private-key-file is not set (HANDRAIL_GATEWAY_CLAIM_KEY_FILE): the gateway "
                            + "cannot vouch for its callers without it; the launcher provisions it"));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigurationException(
                    "The gateway's claim key " + config.getPrivateKeyFile() + " is unusable: " + e.getMessage(), e);
        }
    }

    /** {@code command} (whose principal is {@code caller}'s) with its signed claim. */
    public Envelope sign(Envelope command, Caller caller) {
        return signer.sign(
                command,
                caller.kind() == null ? null : caller.kind().wire(),
                caller.role() == null ? null : caller.role().wire());
    }
}
