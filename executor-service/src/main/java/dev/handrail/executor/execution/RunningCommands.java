package dev.handrail.executor.execution;

import dev.handrail.contracts.error.ErrorCode;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The commands this node is running now, each with its intent, its action and its {@link Abort}
 * signal, so that the kill switch can abort the ones in its scope and a cancelled run the ones
 * of its actions. Backed by a concurrent map, so registration, removal and aborting may happen
 * from any thread.
 */
public final class RunningCommands {

    private record Running(String intent, String actionId) {}

    private final Map<Abort, Running> commands = new ConcurrentHashMap<>();

    /** Registers a command about to run and returns its abort signal. */
    public Abort start(String intent, String actionId) {
        Abort abort = new Abort();
        commands.put(abort, new Running(intent, actionId));
        return abort;
    }

    /** Forgets a command that has finished. */
    public void finish(Abort abort) {
        commands.remove(abort);
    }

    /** Aborts every running command whose intent matches; returns how many were signalled. */
    public int abortWhere(Predicate<String> intent, String reason) {
        int aborted = 0;
        for (Map.Entry<Abort, Running> running : commands.entrySet()) {
            if (intent.test(running.getValue().intent())) {
                running.getKey().trigger(reason);
                aborted++;
            }
        }
        return aborted;
    }

    /** Aborts the running commands of {@code actionIds} with {@code code}; returns how many were signalled. */
    public int abortActions(Collection<String> actionIds, ErrorCode code, String reason) {
        Set<String> ids = Set.copyOf(actionIds);
        int aborted = 0;
        for (Map.Entry<Abort, Running> running : commands.entrySet()) {
            if (ids.contains(running.getValue().actionId())) {
                running.getKey().trigger(code, reason);
                aborted++;
            }
        }
        return aborted;
    }

    /** How many commands are running. */
    public int size() {
        return commands.size();
    }
}
