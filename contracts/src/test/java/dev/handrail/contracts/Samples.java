package dev.handrail.contracts;

import dev.handrail.contracts.action.ApiError;
import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Decision;
import dev.handrail.contracts.action.Execution;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.RiskLevel;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ActionApproved;
import dev.handrail.contracts.message.ActionCancelled;
import dev.handrail.contracts.message.ActionDeadLettered;
import dev.handrail.contracts.message.ActionDenied;
import dev.handrail.contracts.message.ActionFailed;
import dev.handrail.contracts.message.ActionPlanned;
import dev.handrail.contracts.message.ActionRejected;
import dev.handrail.contracts.message.ActionSucceeded;
import dev.handrail.contracts.message.ActionValidated;
import dev.handrail.contracts.message.ApprovalExpired;
import dev.handrail.contracts.message.ApprovalRequested;
import dev.handrail.contracts.message.AuditCheckpoint;
import dev.handrail.contracts.message.AuditEventQuarantined;
import dev.handrail.contracts.message.BreakerStateChanged;
import dev.handrail.contracts.message.DecideCommand;
import dev.handrail.contracts.message.DecisionRefused;
import dev.handrail.contracts.message.ExecuteCommand;
import dev.handrail.contracts.message.ExecutionStarted;
import dev.handrail.contracts.message.IncidentChanged;
import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.contracts.message.Message;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.message.PlanDeduplicated;
import dev.handrail.contracts.message.PlanRefused;
import dev.handrail.contracts.message.PolicyFileFailed;
import dev.handrail.contracts.message.RunChanged;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fixed example of every message type, the contents of the JSON fixtures. */
final class Samples {

    static final String ID = "01JD7Z3Q4R5S6T7V8W9X0Y1Z2A";
    static final Instant AT = Instant.parse("2026-11-21T10:15:30.123Z");
    static final Validation VALID = Validation.of(List.of(
            Check.pass("capability_exists", "file.read is a known capability"),
            Check.pass("required_params", "all required parameters present")));
    static final Decision ALLOW = new Decision(Decision.Effect.ALLOW, List.of("risk_safe"), "builtin-1");

    private Samples() {}

    static List<Message> all() {
        return List.of(
                new PlanCommand(
                        ID,
                        "file.read",
                        Map.of("path", "notes.txt"),
                        "s-1",
                        "agent-7",
                        "key-1",
                        false,
                        5000L,
                        1,
                        Map.of("trace", "abc"),
                        "local",
                        AT),
                new DecideCommand(ID, DecideCommand.Verdict.APPROVE, "operator-1", "looks fine"),
                new ExecuteCommand(
                        ID, "file.read", Map.of("path", "notes.txt"), "local", 5000, 1, "ab12", "s-1", "agent-7"),
                new ActionPlanned(
                        ID,
                        "file.read",
                        Map.of("path", "notes.txt"),
                        "s-1",
                        "agent-7",
                        "key-1",
                        false,
                        5000,
                        1,
                        Map.of(),
                        "local",
                        RiskLevel.SAFE,
                        false,
                        AT),
                new ActionValidated(ID, "file.read", VALID, false),
                new ActionRejected(
                        ID,
                        "file.delete",
                        Validation.of(List.of(Check.fail("capability_exists", "Unknown intent: file.delete"))),
                        new ApiError("VALIDATION_FAILED", "Unknown intent: file.delete")),
                new ApprovalRequested(
                        ID,
                        "shell.run",
                        new Decision(Decision.Effect.REQUIRE_APPROVAL, List.of("risk_requires_approval"), "builtin-1"),
                        "ab12",
                        AT.plusSeconds(300)),
                new ActionApproved(ID, "file.read", ALLOW, null, null),
                new ActionDenied(
                        ID,
                        "shell.run",
                        new Decision(Decision.Effect.DENY, List.of("denied_by_operator"), "builtin-1"),
                        "operator-1",
                        "no"),
                new ApprovalExpired(ID, "shell.run", AT.plusSeconds(300)),
                new ActionCancelled(ID, "shell.run", "agent-1", AT.plusSeconds(30), "the user closed the chat"),
                new ExecutionStarted(ID, "file.read", "local", 1),
                new ActionSucceeded(
                        ID, "file.read", "local", Execution.succeeded(fileRead(), 3, 0, Map.of("bytes", 5))),
                new ActionFailed(
                        ID,
                        "shell.run",
                        "local",
                        Execution.failed(ErrorCode.TIMEOUT, "Timed out after 5000 ms", 5000, 1)),
                new ActionDeadLettered(ID, "shell.run", "dl-1", "TIMEOUT"),
                new PlanDeduplicated("01JD7Z3Q4R5S6T7V8W9X0Y1Z2B", ID),
                new DecisionRefused(ID, "NOT_PENDING", "Action is succeeded, not pending approval"),
                new PlanRefused(
                        ID, "UNVERIFIED_PRINCIPAL", "Plan " + ID + " is refused: it carries no principal claim"),
                new BreakerStateChanged("node:local:file.read", "local", "file.read", "open", "closed", AT),
                new KillSwitchChanged("capability:shell.run", true, "incident 42", "admin-1", AT),
                new PolicyFileFailed("/etc/handrail/policy.yaml", "The policy file is missing", "team-3", AT),
                new IncidentChanged(
                        "01JD7Z3Q4R5S6T7V8W9X0Y1Z2C",
                        "node:local",
                        "node",
                        "closed",
                        "Node local is down",
                        AT,
                        AT.plusSeconds(42)),
                new RunChanged(
                        "01JD7Z3Q4R5S6T7V8W9X0Y1Z2E",
                        "cancelled",
                        "cancelled",
                        null,
                        null,
                        "worker-3",
                        "operator-1",
                        AT,
                        "not needed any more",
                        List.of(ID)),
                new AuditCheckpoint(
                        1000,
                        "5508d2b710e64bc470079e1b211d9c58e21011e59d0559e422345dc19d659a75",
                        "3f1a9c0e5b7d2a41",
                        "c2lnbmF0dXJl",
                        AT),
                new AuditEventQuarantined(
                        7,
                        "HANDRAIL_EVENTS",
                        4242,
                        "handrail.v1.events.action.planned.file.read",
                        "01JD7Z3Q4R5S6T7V8W9X0Y1Z2D",
                        "PostgreSQL refused it: unsupported Unicode escape sequence",
                        AT));
    }

    /** file.read's output: an object with named fields, in a stable order. */
    private static Map<String, Object> fileRead() {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("path", "/work/hello.txt");
        output.put("content", "hello");
        output.put("bytes", 5);
        return output;
    }
}
