package dev.handrail.health.deadletter;

import dev.handrail.contracts.action.ActionView;
import java.util.Optional;

/**
 * The port through which health learns what an action asked for and where it stands, when what
 * it kept does not say (a {@code failed} event carries no parameters): the audit store's view.
 */
public interface ActionLookup {

    /**
     * The action as the audit store sees it; empty when it is not known there.
     *
     * @throws ActionLookupException when nobody could answer
     */
    Optional<ActionView> find(String actionId);
}
