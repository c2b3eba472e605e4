package dev.handrail.gateway.authority;

import dev.handrail.contracts.claim.SigningKeySettings;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How the gateway signs the principal claims of its commands, under {@code handrail.gateway.claims}:
 * {@code private-key-file} (required, {@code HANDRAIL_GATEWAY_CLAIM_KEY_FILE}; only the gateway is
 * given it) and {@code lifetime} (default 10 minutes).
 */
@ConfigurationProperties(ClaimConfig.PREFIX)
public class ClaimConfig extends SigningKeySettings {

    public static final String PREFIX = "handrail.gateway.claims";
}
