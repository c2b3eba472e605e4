package dev.handrail.policy.evaluation;

import static dev.handrail.contracts.error.ErrorCode.POLICY_INVALID;

import dev.handrail.contracts.action.ActionView;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.policy.WhatIfQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.decision.Conditions;
import dev.handrail.policy.decision.DecisionMaker;
import dev.handrail.policy.decision.Proposal;
import dev.handrail.policy.rules.ActivePolicy;
import dev.handrail.policy.rules.PolicyDocument;
import dev.handrail.policy.rules.PolicyFileException;
import dev.handrail.policy.rules.PolicyFileParser;
import dev.handrail.policy.rules.WorkspacePaths;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays recorded actions through the policy in force and a candidate policy file and reports
 * the decisions that would change, with both. It compares the files alone: kill switches,
 * capability settings, breakers and budgets are left out (they are the same on both sides), and
 * an action whose intent is unknown, or that was a dry run or rejected, is counted as skipped.
 * Nothing is stored or published. Stateless.
 */
@Singleton
public class WhatIf {
    public static final int DEFAULT_LIMIT = 100;

    private final ActivePolicy active;
    private final RecordedActions recorded;
    private final int maxActions;

    public WhatIf(ActivePolicy active, RecordedActions recorded, PolicyConfig config) {
        this.active = active;
        this.recorded = recorded;
        this.maxActions = config.getWhatIfMaxActions();
    }

    /** One decision that would change. */
    public record Change(
            String actionId,
            String intent,
            String principal,
            String sessionId,
            String node,
            String recordedState,
            Decision before,
            Decision after) {}

    /** What a what-if answers. */
    public record Report(
            String activeVersion,
            String candidateVersion,
            int evaluated,
            int skipped,
            int changed,
            Map<String, Integer> transitions,
            List<Change> changes) {}

    /** Runs {@code query}. */
    public Reply run(WhatIfQuery query) {
        PolicyDocument candidate;
        try {
            candidate = PolicyFileParser.parse(query.policy());
        } catch (PolicyFileException e) {
            return Reply.error(POLICY_INVALID, e.getMessage());
        }
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), maxActions);
        return Reply.ok(compare(active.document(), candidate, recorded.latest(limit)));
    }

    /** Compares two policies over {@code history}. */
    public static Report compare(PolicyDocument before, PolicyDocument after, List<ActionView> history) {
        int evaluated = 0;
        int skipped = 0;
        Map<String, Integer> transitions = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (ActionView action : history) {
            Optional<Proposal> proposal = proposal(action);
            if (proposal.isEmpty()) {
                skipped++;
                continue;
            }
            evaluated++;
            Decision was = DecisionMaker.decide(proposal.get(), before, Conditions.none());
            Decision would = DecisionMaker.decide(proposal.get(), after, Conditions.none());
            if (was.effect() != would.effect() || !was.reasons().equals(would.reasons())) {
                changes.add(new Change(
                        action.actionId(),
                        action.intent(),
                        action.principal(),
                        action.sessionId(),
                        action.node(),
                        action.state() == null ? null : action.state().wire(),
                        was,
                        would));
                transitions.merge(was.effect().wire() + "->" + would.effect().wire(), 1, Integer::sum);
            }
        }
        return new Report(before.version(), after.version(), evaluated, skipped, changes.size(), transitions, changes);
    }

    private static Optional<Proposal> proposal(ActionView action) {
        Optional<Capability> capability = CapabilityCatalogue.find(action.intent());
        if (capability.isEmpty()
                || action.dryRun()
                || action.validation() == null
                || !action.validation().valid()) {
            return Optional.empty();
        }
        return Optional.of(new Proposal(
                capability.get(),
                WorkspacePaths.normalise(action.params(), List.of()),
                action.node(),
                action.principal(),
                action.sessionId()));
    }
}
