package dev.handrail.policy.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.contracts.action.ActionIds;
import dev.handrail.contracts.definition.DefinitionRender;
import dev.handrail.contracts.definition.DefinitionVersionQuery;
import dev.handrail.contracts.definition.DefinitionWrite;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.RefusedException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry of action definitions as policy answers for it: create, edit (each a new
 * version), read, list, delete, and render a definition's current version into the plan a run
 * sends through policy like any other. Answers with {@code {action}} or {@code {actions}}, or
 * the error that names what to fix. Stateless.
 */
@Singleton
public class DefinitionService {

    private final DefinitionStore store;
    private final Clock clock;

    public DefinitionService(DefinitionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Creates a definition from the request body. */
    public Reply create(DefinitionWrite write) {
        return answer(() -> {
            DefinitionValidator.Draft draft = DefinitionValidator.create(write.body());
            Instant now = now();
            DefinitionRow row = store.insert(new DefinitionRow(
                    ActionIds.next(),
                    draft.kind().wire(),
                    draft.title(),
                    draft.enabled(),
                    1,
                    draft.spec().toString(),
                    now,
                    write.changedBy(),
                    now,
                    write.changedBy()));
            return Reply.ok(Map.of("action", DefinitionView.of(row)));
        });
    }

    /** Applies a partial edit (title, enabled, spec) as the definition's next version. */
    public Reply update(DefinitionWrite write) {
        return answer(() -> {
            String id = write.id();
            Optional<DefinitionRow> current = id == null ? Optional.empty() : store.find(id);
            if (current.isEmpty()) {
                return notFound(id);
            }
            DefinitionKind kind = DefinitionKind.fromWire(current.get().kind())
                    .orElseThrow(() -> new IllegalStateException(
                            "Stored kind " + current.get().kind()));
            DefinitionValidator.Change change = DefinitionValidator.update(kind, write.body());
            Instant now = now();
            Optional<DefinitionRow> edited = store.edit(
                    id,
                    row -> new DefinitionRow(
                            row.id(),
                            row.kind(),
                            change.title().orElse(row.title()),
                            change.enabled().orElse(row.enabled()),
                            row.currentVersion() + 1,
                            change.spec().map(ObjectNode::toString).orElse(row.spec()),
                            row.createdAt(),
                            row.createdBy(),
                            now,
                            write.changedBy()));
            return edited.map(row -> Reply.ok(Map.of("action", DefinitionView.of(row))))
                    .orElseGet(() -> notFound(id));
        });
    }

    /** One definition with its spec. */
    public Reply get(ByIdQuery query) {
        return store.find(query.id())
                .map(row -> Reply.ok(Map.of("action", DefinitionView.of(row))))
                .orElseGet(() -> notFound(query.id()));
    }

    /** The most recently changed definitions, without their specs; filter {@code kind}. */
    public Reply list(ListQuery query) {
        return answer(() -> {
            String kind = query.filters().get("kind");
            if (kind != null && DefinitionKind.fromWire(kind).isEmpty()) {
                return Reply.error(
                        ErrorCode.INVALID_KIND, "Unknown kind '" + kind + "'; use one of " + DefinitionKind.names());
            }
            int limit = query.limit() <= 0
                    ? DefinitionLimits.LIST_DEFAULT
                    : Math.min(query.limit(), DefinitionLimits.LIST_MAX);
            return Reply.ok(Map.of(
                    "actions",
                    store.newest(kind, limit).stream()
                            .map(DefinitionView.Summary::of)
                            .toList()));
        });
    }

    /** One stored version ({@code {action}}), or every version newest first ({@code {actions}}). */
    public Reply versions(DefinitionVersionQuery query) {
        if (query.version() != null) {
            return store.version(query.id(), query.version())
                    .map(row -> Reply.ok(Map.of("action", DefinitionView.Version.of(row))))
                    .orElseGet(() -> Reply.error(
                            ErrorCode.NOT_FOUND,
                            "Action definition " + query.id() + " has no version " + query.version()));
        }
        List<DefinitionView.Version> all = store.versions(query.id()).stream()
                .map(DefinitionView.Version::of)
                .toList();
        return all.isEmpty() ? notFound(query.id()) : Reply.ok(Map.of("actions", all));
    }

    /** Deletes a definition; its versions stay. */
    public Reply delete(ByIdQuery query) {
        return store.delete(query.id()) ? Reply.ok(Map.of("deleted", query.id())) : notFound(query.id());
    }

    /** The plan a run of the definition's current version makes with {@code arguments}. */
    public Reply render(DefinitionRender request) {
        return answer(() -> {
            Optional<DefinitionRow> found = store.find(request.id());
            if (found.isEmpty()) {
                return notFound(request.id());
            }
            DefinitionRow row = found.get();
            if (!row.enabled()) {
                return Reply.error(
                        ErrorCode.DEFINITION_DISABLED,
                        "Definition " + row.id() + " (" + row.title() + ") is disabled; an admin enables it with "
                                + "PUT /v1/action-definitions/" + row.id() + " {\"enabled\": true}");
            }
            DefinitionKind kind = DefinitionKind.fromWire(row.kind())
                    .orElseThrow(() -> new IllegalStateException("Stored kind " + row.kind()));
            JsonNode spec = Json.read(row.spec().getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
            return Reply.ok(DefinitionRenderer.render(row.id(), row.currentVersion(), kind, spec, arguments(request)));
        });
    }

    private static Map<String, Object> arguments(DefinitionRender request) {
        Map<String, Object> arguments = request.arguments();
        return arguments == null ? Map.of() : new HashMap<>(arguments);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Reply notFound(String id) {
        return Reply.error(ErrorCode.NOT_FOUND, "No action definition " + id);
    }

    /** Runs {@code work}, answering a refusal with its code. */
    private static Reply answer(Supplier<Reply> work) {
        try {
            return work.get();
        } catch (RefusedException e) {
            return Reply.error(e.code(), e.getMessage());
        }
    }
}
