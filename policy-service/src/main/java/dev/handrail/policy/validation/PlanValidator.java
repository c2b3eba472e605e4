package dev.handrail.policy.validation;

import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.Guard;
import dev.handrail.contracts.capability.WebUrl;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.action.PlanSpec;
import dev.handrail.policy.rules.WorkspacePaths;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a plan against the capability catalogue, the limits and the nodes, in a fixed order:
 * {@value #CAPABILITY_EXISTS}, {@value #CAPABILITY_IMPLEMENTED}, {@value #REQUIRED_PARAMS},
 * {@value #PARAM_TYPES} (types, bounds and names, from the capability's declaration), then its
 * guards ({@value #TEXT_LENGTH}, {@value #SCREEN_BOUNDS}, {@value #URL_SCHEME}), then
 * {@value #WORKING_DIRECTORY} (for a plan with a {@code cwd}), {@value #TIMEOUT_BOUNDS},
 * {@value #MAX_RETRIES}, {@value #RISK_CLASSIFICATION}. An unknown intent stops at the first.
 * A check's name is the stable code of its failure. Stateless.
 */
@Singleton
public class PlanValidator {

    public static final String CAPABILITY_EXISTS = "capability_exists";
    public static final String CAPABILITY_IMPLEMENTED = "capability_implemented";
    public static final String REQUIRED_PARAMS = "required_params";
    public static final String PARAM_TYPES = "param_types";
    public static final String TEXT_LENGTH = "text_length";
    public static final String SCREEN_BOUNDS = "screen_bounds";
    public static final String URL_SCHEME = "url_scheme";
    public static final String WORKING_DIRECTORY = "working_directory";
    public static final String TIMEOUT_BOUNDS = "timeout_bounds";
    public static final String MAX_RETRIES = "max_retries";
    public static final String RISK_CLASSIFICATION = "risk_classification";

    /** Retries a plan may ask for, inclusive. */
    public static final int MIN_RETRIES = 0;

    public static final int MAX_RETRIES_ALLOWED = 5;

    private final PolicyConfig limits;

    public PlanValidator(PolicyConfig limits) {
        this.limits = limits;
    }

    /** Validates {@code plan} against what {@code nodes} offer now. */
    public Validation validate(PlanSpec plan, NodeAvailability nodes) {
        return plan.knownCapability()
                .map(capability -> Validation.of(checks(plan, capability, nodes)))
                .orElseGet(() ->
                        Validation.of(List.of(Check.fail(CAPABILITY_EXISTS, "Unknown intent: " + plan.intent()))));
    }

    private List<Check> checks(PlanSpec plan, Capability capability, NodeAvailability nodes) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.pass(CAPABILITY_EXISTS, "Capability " + capability.intent() + " is known"));
        checks.add(implemented(capability, plan.node(), nodes));
        checks.add(requiredParams(capability, plan.params()));
        checks.add(paramTypes(capability, plan.params()));
        for (Guard guard : capability.guards()) {
            checks.add(
                    switch (guard) {
                        case TEXT_LENGTH -> textLength(capability, plan.params());
                        case SCREEN_BOUNDS -> screenBounds(plan, nodes);
                        case URL_SCHEME -> urlScheme(plan.params());
                    });
        }
        if (plan.params().get(WorkspacePaths.CWD) instanceof String cwd) {
            checks.add(workingDirectory(cwd, nodes.workspaceRoots(plan.node())));
        }
        checks.add(timeoutBounds(capability, plan));
        checks.add(maxRetries(plan.maxRetries()));
        checks.add(riskClassification(capability));
        return checks;
    }

    private static Check implemented(Capability capability, String node, NodeAvailability nodes) {
        Optional<Set<String>> offered = nodes.onlineCapabilities(node);
        if (offered.isEmpty()) {
            return Check.fail(CAPABILITY_IMPLEMENTED, "Node " + node + " is unknown or offline");
        }
        return offered.filter(intents -> intents.contains(capability.intent()))
                .map(intents -> Check.pass(CAPABILITY_IMPLEMENTED, "Node " + node + " offers " + capability.intent()))
                .orElseGet(() -> Check.fail(
                        CAPABILITY_IMPLEMENTED,
                        "Capability " + capability.intent() + " is not implemented on node " + node));
    }

    private static Check requiredParams(Capability capability, Map<String, Object> params) {
        return capability
                .missingParam(params)
                .map(name -> Check.fail(REQUIRED_PARAMS, "Missing required parameter: " + name))
                .orElseGet(() -> Check.pass(
                        REQUIRED_PARAMS,
                        capability.requiredParams().isEmpty()
                                ? "No parameters are required"
                                : "Required parameters present: " + String.join(", ", capability.requiredParams())));
    }

    private static Check paramTypes(Capability capability, Map<String, Object> params) {
        return capability
                .paramProblem(params)
                .map(problem -> Check.fail(PARAM_TYPES, problem))
                .orElseGet(() -> Check.pass(
                        PARAM_TYPES,
                        capability.params().isEmpty() ? "No parameters to check" : "Parameters have the right types"));
    }

    /** The {@code text} parameter against the operator's limit for the capability, which may only be lower than the catalogue's. */
    private Check textLength(Capability capability, Map<String, Object> params) {
        if (!(params.get("text") instanceof String text)) {
            return Check.pass(TEXT_LENGTH, "No text to measure");
        }
        int max = limits.textMaxLength(capability);
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            return Check.fail(
                    TEXT_LENGTH,
                    capability.intent() + " text is " + length + " characters; at most " + max + " are allowed");
        }
        return Check.pass(TEXT_LENGTH, "text is " + length + " of at most " + max + " characters");
    }

    private Check screenBounds(PlanSpec plan, NodeAvailability nodes) {
        if (!(plan.params().get("x") instanceof Number x) || !(plan.params().get("y") instanceof Number y)) {
            return Check.pass(SCREEN_BOUNDS, "No coordinates to place");
        }
        int maxWidth = limits.getScreenMaxWidth();
        int maxHeight = limits.getScreenMaxHeight();
        ScreenBounds screen = nodes.screenBounds(plan.node())
                .map(reported -> reported.capped(maxWidth, maxHeight))
                .orElseGet(() -> new ScreenBounds(0, 0, maxWidth, maxHeight));
        if (!screen.contains(x.longValue(), y.longValue())) {
            return Check.fail(
                    SCREEN_BOUNDS,
                    "Point " + x + "," + y + " is outside the virtual screen of node " + plan.node() + " (" + screen
                            + ")");
        }
        return Check.pass(SCREEN_BOUNDS, "Point " + x + "," + y + " is on the virtual screen (" + screen + ")");
    }

    private static Check urlScheme(Map<String, Object> params) {
        if (!(params.get("url") instanceof String url)) {
            return Check.pass(URL_SCHEME, "No url to check");
        }
        return WebUrl.problem(url)
                .map(problem -> Check.fail(URL_SCHEME, problem))
                .orElseGet(() -> Check.pass(URL_SCHEME, "url uses " + String.join(" or ", List.of("http", "https"))));
    }

    /** A working directory must stay inside the workspace; the executor's sandbox checks it again by real path. */
    private static Check workingDirectory(String cwd, List<String> roots) {
        String normalised = WorkspacePaths.normalise(cwd, roots);
        if (WorkspacePaths.leavesWorkspace(normalised)) {
            return Check.fail(WORKING_DIRECTORY, "cwd '" + cwd + "' is outside the node's workspace");
        }
        return Check.pass(WORKING_DIRECTORY, "cwd " + normalised + " is inside the workspace");
    }

    private static Check timeoutBounds(Capability capability, PlanSpec plan) {
        Long requested = plan.requestedTimeoutMs();
        String bounds = capability.minTimeoutMs() + ".." + capability.maxTimeoutMs();
        if (requested != null && requested != plan.timeoutMs()) {
            return Check.pass(
                    TIMEOUT_BOUNDS,
                    "timeout_ms " + requested + " was clamped to " + plan.timeoutMs() + " (bounds " + bounds + " for "
                            + capability.intent() + ")");
        }
        return Check.pass(TIMEOUT_BOUNDS, "timeout_ms " + plan.timeoutMs() + " is within " + bounds);
    }

    private static Check maxRetries(int retries) {
        if (retries < MIN_RETRIES || retries > MAX_RETRIES_ALLOWED) {
            return Check.fail(
                    MAX_RETRIES, "max_retries must be between " + MIN_RETRIES + " and " + MAX_RETRIES_ALLOWED);
        }
        return Check.pass(
                MAX_RETRIES, "max_retries " + retries + " is within " + MIN_RETRIES + ".." + MAX_RETRIES_ALLOWED);
    }

    private static Check riskClassification(Capability capability) {
        return Check.pass(
                RISK_CLASSIFICATION,
                "risk " + capability.riskLevel().wire() + "; "
                        + (capability.requiresApproval() ? "approval required" : "no approval required"));
    }
}
