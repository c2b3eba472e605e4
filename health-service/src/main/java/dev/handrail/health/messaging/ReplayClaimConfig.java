package dev.handrail.health.messaging;

import dev.handrail.contracts.claim.SigningKeySettings;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * How health vouches for the principal of a dead-letter replay (ADR 0013), under
 * {@code handrail.health.claims}: {@code private-key-file} ({@code HANDRAIL_HEALTH_CLAIM_KEY_FILE})
 * and {@code lifetime}. Without a key a replay goes out unsigned, and policy refuses it.
 */
@ConfigurationProperties(ReplayClaimConfig.PREFIX)
public class ReplayClaimConfig extends SigningKeySettings {

    public static final String PREFIX = "handrail.health.claims";
}
