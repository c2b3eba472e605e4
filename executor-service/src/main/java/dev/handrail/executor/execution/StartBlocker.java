package dev.handrail.executor.execution;

import java.util.Optional;

/** Says why a command for an intent must not start on this node now (the kill switch), if it must not. */
@FunctionalInterface
public interface StartBlocker {

    /** Never blocks. */
    StartBlocker NONE = intent -> Optional.empty();

    /** The reason a command for {@code intent} may not start, or empty when it may. */
    Optional<String> blocking(String intent);
}
