package dev.handrail.contracts.error;

import static dev.handrail.contracts.error.Blame.INFRASTRUCTURE;
import static dev.handrail.contracts.error.Blame.NODE;
import static dev.handrail.contracts.error.Blame.REQUEST;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every error code any Handrail service emits, in API error bodies ({@code error.code}), query
 * replies and failed executions ({@code execution.error_code}); the constant's name is the code on
 * the wire. Each code says the HTTP status it is answered with, whether trying again can help, and
 * whom it blames: breakers and dead letters classify failures from here, and docs/errors.md is
 * this table. A code cannot be emitted without being declared here.
 */
public enum ErrorCode {

    // The request as sent: syntax, parameters, routing.
    VALIDATION_FAILED(400, false, REQUEST, "The request or a parameter is not valid; the message says which."),
    INVALID_JSON(400, false, REQUEST, "The body is empty, not JSON, or not a JSON object."),
    INVALID_JSON_VALUE(
            400,
            false,
            REQUEST,
            "A JSON value the system cannot keep: U+0000 or a lone surrogate in a string, a number beyond a double, nesting deeper than 64."),
    BAD_QUERY(400, false, REQUEST, "A query to a service is malformed or names an unknown filter."),
    INVALID_PARAMS(400, false, REQUEST, "A capability parameter is missing or has the wrong type."),
    WEBHOOK_URL_REFUSED(
            400,
            false,
            REQUEST,
            "A webhook URL that is not http or https, or whose host is or resolves to a loopback, link-local, private or unique-local address (refused unless an admin allows them)."),
    INVALID_SCOPE(400, false, REQUEST, "A kill-switch scope that is not global, capability:<intent> or node:<id>."),
    POLICY_INVALID(400, false, REQUEST, "A policy document that cannot be read or evaluated."),
    UNKNOWN_CAPABILITY(400, false, REQUEST, "The intent is not in the capability catalogue."),
    INVALID_BODY(400, false, REQUEST, "The JSON body is not an object, or a field of it has the wrong type."),
    INVALID_TITLE(
            400,
            false,
            REQUEST,
            "An action definition's or a run's title is missing, blank or longer than 200 characters."),
    INVALID_KIND(400, false, REQUEST, "An action definition's kind is not command, prompt or action, or would change."),
    INVALID_SPEC(
            400,
            false,
            REQUEST,
            "An action definition's spec is missing or not an object, or its intent, parameters or templates do not fit."),
    INVALID_CMD(400, false, REQUEST, "A command definition's cmd is missing, blank or longer than 20,000 characters."),
    INVALID_PROMPT(
            400, false, REQUEST, "A prompt definition's prompt is missing, blank or longer than 200,000 characters."),
    INVALID_CWD(400, false, REQUEST, "A command definition's cwd is not a text naming a path."),
    CWD_OUTSIDE_WORKSPACE(
            400, false, REQUEST, "A command definition's cwd is absolute or climbs out of the workspace with '..'."),
    NOT_FOUND(
            404,
            false,
            REQUEST,
            "No such action, approval, breaker, dead letter, incident, webhook, action definition (or version), run, step,"
                    + " tool call or endpoint."),
    ARTIFACT_NOT_FOUND(
            404, false, REQUEST, "The action has no artifact by that name: it made none, or the artifact has expired."),
    METHOD_NOT_ALLOWED(405, false, REQUEST, "The endpoint does not take this HTTP method."),
    PAYLOAD_TOO_LARGE(413, false, REQUEST, "The request body is larger than the server accepts."),
    UNSUPPORTED_MEDIA_TYPE(415, false, REQUEST, "The body is not sent as application/json."),

    // Who may ask, and how often.
    UNAUTHENTICATED(401, false, REQUEST, "No API token, or an unknown or revoked one."),
    TOKEN_EXPIRED(401, false, REQUEST, "The API token has expired; ask for a new one."),
    FORBIDDEN(403, false, REQUEST, "The token's role may not do this."),
    SELF_APPROVAL(403, false, REQUEST, "Nobody may approve or deny an action they planned themselves."),
    UNVERIFIED_PRINCIPAL(
            502,
            false,
            INFRASTRUCTURE,
            "A command reached policy without a valid principal claim signed by the gateway."),
    RATE_LIMITED(429, true, REQUEST, "Too many requests from this principal; retry after Retry-After."),
    TOO_MANY_STREAMS(429, true, REQUEST, "This principal holds as many live feeds as it may; close one first."),

    // The state of the action, its approval or the system refuses it.
    DENIED(403, false, REQUEST, "Policy or an operator denied the action; the decision's reasons say why."),
    NOT_PENDING(409, false, REQUEST, "The action is not pending approval any more."),
    ALREADY_DECIDED(409, false, REQUEST, "Someone else already decided on this approval."),
    APPROVAL_EXPIRED(409, false, REQUEST, "The approval lapsed before anyone decided."),
    CANCELLED(409, false, REQUEST, "The principal who planned the action withdrew it before anyone decided."),
    NOT_PLANNER(
            403, false, REQUEST, "Only the principal who planned an action may withdraw it; an operator denies it."),
    SENSITIVE_INPUTS_GONE(
            409,
            false,
            REQUEST,
            "The action carried sensitive inputs, kept only as digests once it ended; plan it again with its values."),
    NOT_REPLAYABLE(
            409, false, REQUEST, "This dead letter cannot be replayed (already replayed, or its request is gone)."),
    KILL_SWITCH_ENGAGED(
            409, false, REQUEST, "The kill switch is engaged for a scope covering the action; it was not started."),
    ABORTED_BY_KILL_SWITCH(409, false, REQUEST, "The kill switch was engaged while the action ran; it was stopped."),
    RUN_CANCELLED(409, false, REQUEST, "The action's run was cancelled while the action ran; it was stopped."),
    CAPABILITY_DISABLED(409, false, REQUEST, "The capability is disabled by an operator."),
    DEFINITION_DISABLED(409, false, REQUEST, "The action definition is disabled; an admin enables it again."),
    LEASE_LOST(
            409,
            false,
            REQUEST,
            "The run's lease is not this worker's any more (expired, released or claimed by another); claim again."),
    ALREADY_ENDED(409, false, REQUEST, "The run, step or tool call has already ended; it does not change again."),
    NOT_RUNNABLE(409, false, REQUEST, "A prompt definition is stored for agents to read; it cannot be run."),
    CIRCUIT_OPEN(409, true, NODE, "The node's breaker is open after node failures; retry once it closes."),
    CONTENT_MISMATCH(409, false, REQUEST, "The command was changed after policy decided on it, so it is not run."),
    WRONG_NODE(409, false, REQUEST, "The command names another node than the one it reached."),

    // Refused or failed by the executor because of what was asked.
    PATH_OUTSIDE_WORKSPACE(403, false, REQUEST, "The path leaves the node's workspace roots."),
    PATH_IS_SYMLINK(403, false, REQUEST, "The path is a symbolic link, which the sandbox does not follow."),
    INVALID_PATH(400, false, REQUEST, "The path is empty or not a valid path on this node."),
    NOT_A_FILE(400, false, REQUEST, "The path names a directory or something else that is not a regular file."),
    NOT_A_DIRECTORY(400, false, REQUEST, "The working directory given is not a directory."),
    FILE_NOT_FOUND(404, false, REQUEST, "No file at the path."),
    FILE_TOO_LARGE(413, false, REQUEST, "The file is larger than this node handles."),
    RESULT_TOO_LARGE(
            413,
            false,
            REQUEST,
            "The action ran, but its result is larger than one message on the bus carries, so it cannot be reported; ask for less (a smaller file)."),
    ACCESS_DENIED(403, false, REQUEST, "The operating system denies access to the file."),
    INVALID_COMMAND(400, false, REQUEST, "The command line cannot be split into words (unbalanced quotes, empty)."),
    ARGUMENT_NOT_ALLOWED(
            403,
            false,
            REQUEST,
            "An argument would make an allowed program write files, run programs or change the machine; the node does not allow it."),
    EXECUTABLE_NOT_ALLOWED(403, false, REQUEST, "The program is not on the node's allowlist (or is an interpreter)."),
    COMMAND_NOT_FOUND(404, false, REQUEST, "No such program on the node."),
    COMMAND_FAILED(
            422, false, REQUEST, "The command ran and exited with a non-zero code: its own result, output attached."),
    WINDOW_NOT_FOUND(404, false, REQUEST, "No window matches the title or process asked for."),
    WINDOW_AMBIGUOUS(409, false, REQUEST, "More than one window matches the title equally well."),
    COORDINATES_OUT_OF_BOUNDS(400, false, REQUEST, "The point or region is outside the screen."),
    MONITOR_NOT_FOUND(404, false, REQUEST, "No monitor with that index on the node."),
    UNKNOWN_KEY(400, false, REQUEST, "A key name that is not known."),
    UNTYPABLE_CHARACTER(400, false, REQUEST, "A character that cannot be typed."),
    INPUT_BLOCKED(403, false, REQUEST, "The system dropped the injected input (the target runs with higher rights)."),
    INPUT_BLOCKED_ELEVATED(
            403,
            false,
            REQUEST,
            "The window in front runs at a higher integrity level than the executor (elevated), which Windows would silently drop input to; nothing was sent."),
    INVALID_URL(400, false, REQUEST, "Not an absolute http or https URL."),
    INVALID_TARGET(400, false, REQUEST, "A process that must not be closed (the executor, its ancestors, process 1)."),
    APP_NOT_STARTED(422, false, REQUEST, "The application could not be started as given."),
    APP_NOT_CLOSED(409, true, REQUEST, "The application did not close in time; try again with force."),
    VERIFICATION_FAILED(409, true, REQUEST, "It ran, but the expected effect could not be observed afterwards."),

    // The node failed.
    TIMEOUT(504, true, NODE, "The action did not finish within its timeout; the node killed what it started."),
    INTERRUPTED(
            503, true, NODE, "The executor stopped mid-action; a capability that is not idempotent is not run again."),
    NOT_IMPLEMENTED(501, false, NODE, "The node has no handler for this capability."),
    NO_DESKTOP_SESSION(503, true, NODE, "The node has no desktop session (no display, or it went away)."),
    CLIPBOARD_UNAVAILABLE(503, true, NODE, "The clipboard could not be opened, owned or read."),
    BROWSER_OPEN_FAILED(502, true, NODE, "The node's URL opener failed."),
    DESKTOP_ERROR(500, true, NODE, "The desktop reported an error the executor did not expect."),
    COMMAND_NOT_STARTED(500, true, NODE, "The program exists but the node could not start it."),
    IO_ERROR(500, true, NODE, "An I/O failure on the node's file system."),
    EXECUTOR_ERROR(500, false, NODE, "The executor broke while running the capability (a bug, logged on the node)."),
    MAX_DELIVERIES(504, true, NODE, "The node never acknowledged the command; JetStream gave up after its deliveries."),

    // The system's own parts did not answer.
    UPSTREAM_UNAVAILABLE(
            503, true, INFRASTRUCTURE, "A Handrail service or its NATS/PostgreSQL did not answer in time."),
    INTERNAL(500, false, INFRASTRUCTURE, "Something went wrong inside a service; it has been logged.");

    private static final Map<String, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final int httpStatus;
    private final boolean retriable;
    private final Blame blame;
    private final String meaning;

    ErrorCode(int httpStatus, boolean retriable, Blame blame, String meaning) {
        this.httpStatus = httpStatus;
        this.retriable = retriable;
        this.blame = blame;
        this.meaning = meaning;
    }

    /** The code as it goes on the wire, e.g. {@code FILE_NOT_FOUND}. */
    public String code() {
        return name();
    }

    /** The HTTP status an API error with this code is answered with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same request may succeed when tried again later (unchanged). */
    public boolean retriable() {
        return retriable;
    }

    /** Whom the error blames. */
    public Blame blame() {
        return blame;
    }

    /** One sentence for the docs. */
    public String meaning() {
        return meaning;
    }

    /** The entry for a code read off the wire (exact, upper case); empty when no service emits it. */
    public static Optional<ErrorCode> find(@Nullable String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
    }

    /**
     * Whom a code read off the wire blames. A missing or unknown code (an older or foreign
     * emitter) blames the node, so a failure nobody can name is never hidden from the breakers.
     */
    public static Blame blameOf(@Nullable String code) {
        return find(code).map(ErrorCode::blame).orElse(NODE);
    }
}
