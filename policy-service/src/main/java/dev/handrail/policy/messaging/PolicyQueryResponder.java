package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.policy.ApprovalHold;
import dev.handrail.contracts.policy.CapabilityUpdate;
import dev.handrail.contracts.policy.KillSwitchRequest;
import dev.handrail.contracts.policy.WhatIfQuery;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.approval.ApprovalBook;
import dev.handrail.policy.capability.CapabilityService;
import dev.handrail.policy.evaluation.PolicyEvaluator;
import dev.handrail.policy.evaluation.WhatIf;
import dev.handrail.policy.killswitch.KillSwitchService;
import dev.handrail.policy.rules.ActivePolicy;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

/**
 * Answers policy's request-reply subjects (queue group {@code policy}, so one instance answers
 * each): evaluate, what-if, policy status, kill switch, capability settings, approvals and holds.
 * Started with the application.
 */
@Context
public class PolicyQueryResponder {

    private final Bus bus;
    private final PolicyEvaluator evaluator;
    private final WhatIf whatIf;
    private final ActivePolicy policy;
    private final KillSwitchService killSwitch;
    private final CapabilityService capabilities;
    private final ApprovalBook approvals;

    public PolicyQueryResponder(
            Bus bus,
            PolicyEvaluator evaluator,
            WhatIf whatIf,
            ActivePolicy policy,
            KillSwitchService killSwitch,
            CapabilityService capabilities,
            ApprovalBook approvals) {
        this.bus = bus;
        this.evaluator = evaluator;
        this.whatIf = whatIf;
        this.policy = policy;
        this.killSwitch = killSwitch;
        this.capabilities = capabilities;
        this.approvals = approvals;
    }

    @PostConstruct
    void start() {
        String queue = Subjects.QUEUE_POLICY;
        bus.respond(Subjects.QUERY_POLICY_EVALUATE, queue, PlanCommand.class, evaluator::evaluate);
        bus.respond(Subjects.QUERY_POLICY_WHAT_IF, queue, WhatIfQuery.class, whatIf::run);
        bus.respond(Subjects.QUERY_POLICY_STATUS, queue, ListQuery.class, query -> Reply.ok(policy.status()));
        bus.respond(Subjects.QUERY_KILL_SWITCHES, queue, ListQuery.class, query -> killSwitch.engaged());
        bus.respond(Subjects.QUERY_KILL_SWITCH_SET, queue, KillSwitchRequest.class, killSwitch::set);
        bus.respond(Subjects.QUERY_CAPABILITY_UPDATE, queue, CapabilityUpdate.class, capabilities::update);
        bus.respond(Subjects.QUERY_APPROVALS, queue, ListQuery.class, approvals::list);
        bus.respond(Subjects.QUERY_APPROVAL, queue, ByIdQuery.class, query -> approvals.get(query.id()));
        bus.respond(Subjects.QUERY_APPROVAL_HOLD, queue, ApprovalHold.class, approvals::hold);
    }
}
