package dev.handrail.policy.approval;

import dev.handrail.contracts.message.Message;
import dev.handrail.policy.action.PolicyAction;
import java.util.List;

/**
 * What a decision on an approval comes to: the messages to publish, in order, and the row's new
 * value when the decision changes it.
 *
 * @param change the row as it must be stored, or null when nothing changes
 */
public record Ruling(List<Message> messages, PolicyAction change) {

    public Ruling {
        messages = List.copyOf(messages);
    }

    static Ruling publish(List<Message> messages) {
        return new Ruling(messages, null);
    }

    static Ruling store(PolicyAction change, List<Message> messages) {
        return new Ruling(messages, change);
    }
}
