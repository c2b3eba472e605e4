package dev.handrail.policy.definition;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** The {@code action_definitions} table, through Micronaut Data. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DefinitionRepository extends CrudRepository<DefinitionRow, String> {

    /** The row, locked until the transaction ends, so two edits make two versions one after the other. */
    Optional<DefinitionRow> findByIdForUpdate(String id);

    /** The most recently changed definitions first. */
    @Query("SELECT * FROM action_definitions ORDER BY updated_at DESC, id DESC LIMIT :limit")
    List<DefinitionRow> newest(int limit);

    /** The most recently changed definitions of one kind first. */
    @Query("SELECT * FROM action_definitions WHERE kind = :kind ORDER BY updated_at DESC, id DESC LIMIT :limit")
    List<DefinitionRow> newestOfKind(String kind, int limit);
}
