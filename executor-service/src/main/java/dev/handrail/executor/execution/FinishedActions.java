package dev.handrail.executor.execution;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actions whose outcome this executor has published, most recent {@code capacity} of them, so
 * that a command redelivered after its outcome was stored (the acknowledgement was lost with a
 * NATS server or a connection) is acknowledged without being run or reported again. Forgotten on
 * restart: the outcome's de-duplication id covers a redelivery to a restarted executor. Safe for
 * concurrent use.
 */
final class FinishedActions {

    private final Map<String, Boolean> recent;

    FinishedActions(int capacity) {
        this.recent = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(String actionId) {
        recent.put(actionId, Boolean.TRUE);
    }

    synchronized boolean contains(String actionId) {
        return recent.containsKey(actionId);
    }
}
