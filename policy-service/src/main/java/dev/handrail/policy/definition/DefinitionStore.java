package dev.handrail.policy.definition;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Keeps action definitions and their versions: a definition and its first version are written
 * together, and an edit locks the definition's row, writes the next version and moves the row to
 * it in one transaction, so versions are never lost or numbered twice. Thread-safe (the database
 * orders concurrent edits).
 */
@Singleton
public class DefinitionStore {

    private final DefinitionRepository definitions;
    private final DefinitionVersionRepository versions;

    public DefinitionStore(DefinitionRepository definitions, DefinitionVersionRepository versions) {
        this.definitions = definitions;
        this.versions = versions;
    }

    /** Stores a new definition as its version 1. */
    @Transactional
    public DefinitionRow insert(DefinitionRow row) {
        DefinitionRow saved = definitions.save(row);
        versions.save(versionOf(saved));
        return saved;
    }

    /**
     * Applies {@code edit} to the definition as it stands (locked) and stores the result as the next
     * version; empty when there is no such definition.
     */
    @Transactional
    public Optional<DefinitionRow> edit(String id, UnaryOperator<DefinitionRow> edit) {
        return definitions.findByIdForUpdate(id).map(current -> {
            DefinitionRow next = edit.apply(current);
            DefinitionRow updated = definitions.update(next);
            versions.save(versionOf(updated));
            return updated;
        });
    }

    /** The definition as it stands. */
    @Transactional
    public Optional<DefinitionRow> find(String id) {
        return definitions.findById(id);
    }

    /** The most recently changed definitions, of one kind when {@code kind} is not null. */
    @Transactional
    public List<DefinitionRow> newest(String kind, int limit) {
        return kind == null ? definitions.newest(limit) : definitions.newestOfKind(kind, limit);
    }

    /** Removes a definition (its versions stay for the trail of past runs); whether there was one. */
    @Transactional
    public boolean delete(String id) {
        if (!definitions.existsById(id)) {
            return false;
        }
        definitions.deleteById(id);
        return true;
    }

    /** One stored version. */
    @Transactional
    public Optional<DefinitionVersionRow> version(String id, int version) {
        return versions.findByDefinitionIdAndVersion(id, version);
    }

    /** Every stored version, newest first. */
    @Transactional
    public List<DefinitionVersionRow> versions(String id) {
        return versions.findByDefinitionIdOrderByVersionDesc(id);
    }

    private static DefinitionVersionRow versionOf(DefinitionRow row) {
        Instant at = row.updatedAt();
        return new DefinitionVersionRow(
                row.id(), row.currentVersion(), row.kind(), row.title(), row.spec(), at, row.updatedBy());
    }
}
