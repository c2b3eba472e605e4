package dev.handrail.policy.run;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The {@code run_tool_calls} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ToolCallRepository extends CrudRepository<ToolCallRow, String> {

    /** A run's tool calls in the order they started. */
    List<ToolCallRow> findByRunIdOrderByCreatedAt(String runId);
}
