package dev.handrail.policy.run;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** The {@code run_steps} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StepRepository extends CrudRepository<StepRow, String> {

    /** A run's steps in the order they started. */
    List<StepRow> findByRunIdOrderBySeq(String runId);

    /** The step a worker started under {@code stepKey}. */
    Optional<StepRow> findByRunIdAndStepKey(String runId, String stepKey);

    /** The number the run's next step gets. */
    @Query("SELECT coalesce(max(seq), 0) + 1 FROM run_steps WHERE run_id = :runId")
    int nextSeq(String runId);
}
