package dev.handrail.health.breaker;

import dev.handrail.health.leader.LeaderDuty;
import dev.handrail.health.liveness.LivenessRegistry;
import dev.handrail.health.state.EntryView;
import dev.handrail.health.state.HealthState;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The leader's work on the breakers: take them up from PostgreSQL when elected, and on every
 * round move open breakers whose wait is over to half-open, hold a down node's breaker open (and
 * let it go half-open once the node is back), and publish transitions that did not make it to the
 * feed. Stateless beyond the board.
 */
@Singleton
public final class BreakerDuty implements LeaderDuty {

    /** Before the feed and the responders (which need the board restored). */
    public static final int ORDER = -10;

    private final BreakerBoard board;
    private final BreakerStore store;
    private final BreakerJournal journal;
    private final LivenessRegistry liveness;

    public BreakerDuty(BreakerBoard board, BreakerStore store, BreakerJournal journal, LivenessRegistry liveness) {
        this.board = board;
        this.store = store;
        this.journal = journal;
        this.liveness = liveness;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void onElected() {
        board.restore(store.loadAll());
    }

    @Override
    public void whileLeading() {
        board.tick();
        for (Map.Entry<String, EntryView> e : liveness.snapshot().entrySet()) {
            if (LivenessRegistry.KIND_NODE.equals(e.getValue().kind())) {
                board.followNode(
                        e.getKey().substring("node:".length()), e.getValue().state() == HealthState.FAILED);
            }
        }
        journal.republishPending();
    }

    @Override
    public void onRevoked() {
        board.clear();
    }
}
