package dev.handrail.contracts.action;

import java.util.List;
import java.util.Optional;

/** The outcome of validating a plan: valid when every check passed. */
public record Validation(boolean valid, List<Check> checks) {

    public Validation {
        checks = List.copyOf(checks);
    }

    /** Builds a validation from its checks. */
    public static Validation of(List<Check> checks) {
        return new Validation(checks.stream().allMatch(Check::passed), checks);
    }

    /** The first failed check, if any. */
    public Optional<Check> firstFailure() {
        return checks.stream().filter(c -> !c.passed()).findFirst();
    }
}
