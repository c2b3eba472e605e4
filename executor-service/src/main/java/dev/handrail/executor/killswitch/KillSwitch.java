package dev.handrail.executor.killswitch;

import dev.handrail.executor.execution.RunningCommands;
import dev.handrail.executor.execution.StartBlocker;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the kill switch: which scopes are engaged, as the last change per scope
 * said (a change older than the one already seen is ignored, so a replay and the live feed may
 * interleave). Engaging a scope aborts the commands running in it on this node; while it stays
 * engaged, new commands in it are refused. Policy denies such plans too; this is the executor's
 * own line of defence. The same change may arrive twice (live and from the stream): a change no
 * newer than the known one is ignored. The state is a concurrent map updated per scope atomically, so changes
 * and lookups may come from any thread.
 */
public final class KillSwitch implements StartBlocker {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitch.class);

    private final String nodeId;
    private final RunningCommands running;
    private final Map<KillSwitchScope, State> scopes = new ConcurrentHashMap<>();

    /** One scope's last known state. */
    public record State(boolean engaged, String reason, String changedBy, Instant at) {}

    public KillSwitch(String nodeId, RunningCommands running) {
        this.nodeId = nodeId;
        this.running = running;
    }

    /**
     * Applies a change of one scope; when it engages a scope, running commands in it are
     * aborted. A change no newer than the scope's last known one (older, or the same change again) is ignored.
     */
    @SuppressWarnings("ReferenceEquality") // whether merge kept our change: the same change again is equal but ignored
    public void apply(String scope, boolean engaged, String reason, String changedBy, Instant at) {
        Optional<KillSwitchScope> parsed = KillSwitchScope.parse(scope);
        if (parsed.isEmpty()) {
            LOG.warn("Ignoring a kill-switch change for an unknown scope '{}'", scope);
            return;
        }
        State change = new State(engaged, reason, changedBy, at == null ? Instant.now() : at);
        State now = scopes.merge(
                parsed.get(), change, (known, offered) -> offered.at().isAfter(known.at()) ? offered : known);
        if (now != change) {
            return;
        }
        LOG.info("Kill switch {} for {} by {}: {}", engaged ? "engaged" : "released", scope, changedBy, reason);
        if (engaged) {
            KillSwitchScope target = parsed.get();
            int aborted = running.abortWhere(intent -> target.covers(intent, nodeId), message(target, change));
            if (aborted > 0) {
                LOG.warn("Kill switch {} aborted {} running command(s) on node {}", target, aborted, nodeId);
            }
        }
    }

    /** Why a command for {@code intent} may not start here: the engaged scope covering it, if any. */
    @Override
    public Optional<String> blocking(String intent) {
        return scopes.entrySet().stream()
                .filter(entry -> entry.getValue().engaged() && entry.getKey().covers(intent, nodeId))
                .map(entry -> message(entry.getKey(), entry.getValue()))
                .findFirst();
    }

    /** Every scope whose state is known, engaged or not. */
    public Map<String, State> scopes() {
        Map<String, State> copy = new TreeMap<>();
        scopes.forEach((scope, state) -> copy.put(scope.toString(), state));
        return copy;
    }

    private static String message(KillSwitchScope scope, State state) {
        String why = state.reason() == null || state.reason().isBlank() ? "" : ": " + state.reason();
        return "the kill switch is engaged for " + scope + why;
    }
}
