package dev.handrail.policy.killswitch;

import static dev.handrail.contracts.error.ErrorCode.INVALID_SCOPE;

import dev.handrail.contracts.message.KillSwitchChanged;
import dev.handrail.contracts.policy.KillSwitchRequest;
import dev.handrail.contracts.query.Reply;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Engages and releases the kill switch: the new state is stored (so it survives restarts),
 * applied here at once, and announced to every instance. Stateless and thread-safe.
 */
@Singleton
public class KillSwitchService {

    private final KillSwitchStore store;
    private final KillSwitchBoard board;
    private final KillSwitchAnnouncer announcer;
    private final Clock clock;

    public KillSwitchService(KillSwitchStore store, KillSwitchBoard board, KillSwitchAnnouncer announcer, Clock clock) {
        this.store = store;
        this.board = board;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Engages or releases one scope and answers with every engaged scope. */
    public Reply set(KillSwitchRequest request) {
        if (Scope.parse(request.scope()).isEmpty()) {
            return Reply.error(
                    INVALID_SCOPE,
                    "scope must be global, capability:<intent> of a known capability, or " + "node:<id>; got "
                            + request.scope());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        KillSwitchState state =
                new KillSwitchState(request.scope(), request.engaged(), request.reason(), request.changedBy(), now);
        store.save(state);
        board.apply(state);
        announcer.announce(
                new KillSwitchChanged(state.scope(), state.engaged(), state.reason(), state.changedBy(), now));
        return engaged();
    }

    /** Every engaged scope, as stored. */
    public Reply engaged() {
        List<KillSwitchState> engaged =
                store.all().stream().filter(KillSwitchState::engaged).toList();
        return Reply.ok(Map.of("engaged", engaged));
    }

    /** Applies a change announced by any instance. */
    public void heard(KillSwitchChanged change) {
        if (change.scope() != null && change.at() != null) {
            board.apply(new KillSwitchState(
                    change.scope(), change.engaged(), change.reason(), change.changedBy(), change.at()));
        }
    }

    /** How many scopes this instance holds engaged. */
    public int engagedCount() {
        return board.engaged().size();
    }

    /** Brings the board level with the table. */
    public void refresh() {
        store.all().forEach(board::apply);
    }
}
