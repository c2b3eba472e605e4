package dev.handrail.gateway.action;

import dev.handrail.contracts.action.ActionView;

/**
 * The body of {@code GET /v1/actions/{id}}: {@code ok} says the action was found and read, not
 * that it went well, whatever its state; {@code action} holds it, with its own {@code error} when
 * it failed, was rejected or expired (the Stage 5 contract).
 */
public record ActionRead(boolean ok, ActionDetails action) {

    public static ActionRead of(ActionView view) {
        return new ActionRead(true, ActionDetails.of(view));
    }
}
