package dev.handrail.policy.definition;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The {@code action_definition_versions} table: versions are only ever added and read. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DefinitionVersionRepository extends GenericRepository<DefinitionVersionRow, String> {

    /** Stores a new version. */
    DefinitionVersionRow save(DefinitionVersionRow version);

    /** One version of a definition. */
    Optional<DefinitionVersionRow> findByDefinitionIdAndVersion(String definitionId, int version);

    /** Every version of a definition, newest first. */
    List<DefinitionVersionRow> findByDefinitionIdOrderByVersionDesc(String definitionId);
}
