package dev.handrail.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.gateway.action.ActionBus;
import io.micronaut.scheduling.annotation.Scheduled;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which capabilities an MCP client is offered now: those some online node implements, that are
 * enabled, and that no engaged kill switch covers (global, {@code capability:<intent>}, or every
 * node offering it). Refreshed from policy every {@code handrail.mcp.refresh} while sessions are
 * open; when the set changes, every session is told {@code notifications/tools/list_changed}.
 * Offering is a courtesy to the model, not a permission: a call of a tool that is not offered is
 * still planned, and policy decides. Thread-safe: the set is replaced whole.
 */
@Singleton
public class ToolAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(ToolAvailability.class);

    private final ActionBus bus;
    private final McpSessions sessions;
    private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();
    private volatile Set<String> offered = Set.of();
    private volatile boolean known;

    public ToolAvailability(ActionBus bus, McpSessions sessions) {
        this.bus = bus;
        this.sessions = sessions;
    }

    /**
     * The intents offered now, asked of policy afresh (a listing is rare and must not lag a change);
     * what was known before if policy does not answer, and everything if it never has.
     */
    public CompletableFuture<Set<String>> offered() {
        return refresh()
                .thenApply(v -> known
                        ? offered
                        : CapabilityCatalogue.all().stream()
                                .map(Capability::intent)
                                .collect(Collectors.toSet()));
    }

    @Scheduled(fixedDelay = "${handrail.mcp.refresh:2s}", initialDelay = "${handrail.mcp.refresh:2s}")
    void tick() {
        if (!sessions.principals().isEmpty()) {
            refresh();
        }
    }

    /** Asks policy again and tells the sessions when the offer changed; completes when done. */
    public CompletableFuture<Void> refresh() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<Reply> capabilities = bus.ask(Subjects.QUERY_CAPABILITIES, new ListQuery(Map.of(), 0));
        CompletableFuture<Reply> killSwitches = bus.ask(Subjects.QUERY_KILL_SWITCHES, new ListQuery(Map.of(), 0));
        capabilities
                .thenCombine(killSwitches, ToolAvailability::offer)
                .thenAccept(this::update)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.debug("The MCP tool offer was not refreshed: {}", e.toString());
                    }
                    inFlight.set(null);
                    mine.complete(null);
                });
        return mine;
    }

    private void update(Set<String> now) {
        boolean changed = known && !now.equals(offered);
        offered = Set.copyOf(now);
        known = true;
        if (changed) {
            LOG.info("The MCP tool offer changed: {}", now);
            sessions.notifyClients(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null)
                    .subscribe();
        }
    }

    /** The offered intents, from the capability report and the engaged kill-switch scopes. */
    static Set<String> offer(Reply capabilities, Reply killSwitches) {
        if (!capabilities.ok() || !killSwitches.ok()) {
            throw new IllegalStateException("policy did not answer the capability or kill-switch query");
        }
        Set<String> engaged = new HashSet<>();
        killSwitches
                .data(JsonNode.class)
                .path("engaged")
                .forEach(s -> engaged.add(s.path("scope").asText()));
        Set<String> offered = new HashSet<>();
        if (engaged.contains("global")) {
            return offered;
        }
        for (JsonNode entry : capabilities.data(JsonNode.class).path("capabilities")) {
            String intent = entry.path("intent").asText();
            boolean someNode = false;
            for (JsonNode node : entry.path("nodes")) {
                someNode |= !engaged.contains("node:" + node.asText());
            }
            if (entry.path("implemented").asBoolean()
                    && entry.path("enabled").asBoolean()
                    && someNode
                    && !engaged.contains("capability:" + intent)) {
                offered.add(intent);
            }
        }
        return offered;
    }
}
