package dev.handrail.policy.run;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The {@code run_actions} table, with each action's state as policy holds it. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RunActionRepository extends GenericRepository<RunActionRow, String> {

    /** Links an action to its step unless it is linked already (a redelivered plan). */
    @Query("INSERT INTO run_actions (action_id, run_id, step_id, admitted, planned_at) "
            + "VALUES (:actionId, :runId, :stepId, :admitted, :plannedAt) ON CONFLICT (action_id) DO NOTHING")
    void link(String actionId, String runId, String stepId, boolean admitted, java.time.Instant plannedAt);

    /** How many of the run's actions policy admitted. */
    @Query("SELECT count(*) FROM run_actions WHERE run_id = :runId AND admitted")
    long admitted(String runId);

    /** The run's actions, oldest first, with their intent and state as policy holds them. */
    @Query("SELECT ra.action_id, ra.step_id, pa.intent, pa.state, ra.admitted, ra.planned_at FROM run_actions ra "
            + "JOIN policy_actions pa ON pa.action_id = ra.action_id WHERE ra.run_id = :runId ORDER BY ra.planned_at")
    List<RunAction> actionsOf(String runId);
}
