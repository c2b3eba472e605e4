package dev.handrail.policy.rules;

import dev.handrail.contracts.message.PolicyFileFailed;

/** Where a failed reload of the policy file is announced (the control feed). Implemented by messaging. */
@FunctionalInterface
public interface PolicyFileAlarm {

    /** Announces {@code failure}; throws an unchecked exception when it could not be published. */
    void raise(PolicyFileFailed failure);
}
