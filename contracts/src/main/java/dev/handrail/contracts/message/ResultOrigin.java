package dev.handrail.contracts.message;

import dev.handrail.contracts.Subjects;
import java.util.Optional;

/**
 * Whether a message came on a subject its publisher may use for it (ADR 0014). Only a node's own
 * identity may publish on its result subjects ({@link Subjects#nodeResult}), so a result there
 * that names another node, or another state, is forged or broken; {@code executing} and
 * {@code succeeded} come only from nodes, so on any other subject they are too. A {@code failed}
 * on the shared subject is a service's (health's, for a command no node took). Stateless.
 */
public final class ResultOrigin {

    private ResultOrigin() {}

    /** True when {@code message}, received on {@code subject}, is where its publisher may put it. */
    public static boolean matches(String subject, Message message) {
        Optional<String> node = Subjects.resultNode(subject);
        if (node.isPresent()) {
            return message instanceof NodeResult result
                    && node.get().equals(result.node())
                    && subject.startsWith(
                            Subjects.actionEventPrefix(result.state().wire()));
        }
        return !(message instanceof ExecutionStarted || message instanceof ActionSucceeded);
    }
}
