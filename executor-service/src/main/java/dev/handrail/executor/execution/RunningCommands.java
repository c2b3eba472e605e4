package dev.handrail.executor.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The commands this node is running now, by intent, each with its {@link Abort} signal, so
 * that the kill switch can abort the ones in its scope. Backed by a concurrent map, so
 * registration, removal and aborting may happen from any thread.
 */
public final class RunningCommands {

    private final Map<Abort, String> intents = new ConcurrentHashMap<>();

    /** Registers a command about to run and returns its abort signal. */
    public Abort start(String intent) {
        Abort abort = new Abort();
        intents.put(abort, intent);
        return abort;
    }

    /** Forgets a command that has finished. */
    public void finish(Abort abort) {
        intents.remove(abort);
    }

    /** Aborts every running command whose intent matches; returns how many were signalled. */
    public int abortWhere(Predicate<String> intent, String reason) {
        int aborted = 0;
        for (Map.Entry<Abort, String> running : intents.entrySet()) {
            if (intent.test(running.getValue())) {
                running.getKey().trigger(reason);
                aborted++;
            }
        }
        return aborted;
    }

    /** How many commands are running. */
    public int size() {
        return intents.size();
    }
}
