package dev.handrail.policy.run;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The {@code run_artifacts} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArtifactRepository extends CrudRepository<ArtifactRow, String> {

    /** A run's artifacts in the order they were attached. */
    List<ArtifactRow> findByRunIdOrderByCreatedAt(String runId);
}
