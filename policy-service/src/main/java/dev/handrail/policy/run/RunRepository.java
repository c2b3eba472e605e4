package dev.handrail.policy.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code runs} table, through Micronaut Data. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RunRepository extends CrudRepository<RunRow, String> {

    /** The run, locked until the transaction ends: every change that checks a lease takes this lock first. */
    Optional<RunRow> findByIdForUpdate(String id);

    /**
     * The oldest run a worker may claim (queued, or running on a lease that expired by {@code now}),
     * locked; runs another transaction holds are skipped, so two claims never get the same run.
     */
    @Query("SELECT * FROM runs WHERE state = 'queued' OR (state = 'running' AND lease_expires_at <= :now) "
            + "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
    Optional<RunRow> nextClaimable(Instant now);

    /** The newest runs first, in one state when {@code state} is not null. */
    @Query("SELECT * FROM runs WHERE (CAST(:state AS TEXT) IS NULL OR state = :state) "
            + "ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<RunRow> newest(@Nullable String state, int limit);

    /** The newest runs {@code principal} created or works on, in one state when {@code state} is not null. */
    @Query("SELECT * FROM runs WHERE (created_by = :principal OR worker = :principal) "
            + "AND (CAST(:state AS TEXT) IS NULL OR state = :state) ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<RunRow> newestOf(String principal, @Nullable String state, int limit);
}
