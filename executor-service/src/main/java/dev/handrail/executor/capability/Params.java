package dev.handrail.executor.capability;

import static dev.handrail.contracts.error.ErrorCode.INVALID_PARAMS;

import dev.handrail.contracts.capability.Arguments;
import dev.handrail.contracts.capability.Arguments.InvalidArgumentsException;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;

/**
 * Reads an invocation's parameters as its capability's catalogue entry declares them (types,
 * bounds, defaults), refusing with {@code INVALID_PARAMS} when one is missing, mistyped, out of
 * bounds or unknown: the same rules policy validated the plan with. Stateless.
 */
public final class Params {

    private Params() {}

    /** The parameters of {@code invocation}, a run of {@code intent}, checked and ready to read by name. */
    public static Arguments of(String intent, Invocation invocation) {
        Capability capability = CapabilityCatalogue.find(intent)
                .orElseThrow(() -> new IllegalArgumentException("No catalogue capability " + intent));
        try {
            return Arguments.read(capability, invocation.params());
        } catch (InvalidArgumentsException e) {
            throw new RefusedException(INVALID_PARAMS, e.getMessage());
        }
    }
}
