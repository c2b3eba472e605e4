package dev.handrail.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every event the audit store holds, paged through {@code /v1/events} from seq 1 to the head, and
 * whether each seq and each event id is there once: what a test checks after a fault.
 *
 * @param head         the last seq stored
 * @param seqsInOrder  how many seqs came in order from 1 without a gap (the head when none is missing)
 * @param duplicateIds how many events carried an id seen before
 */
record StoredEvents(long head, long seqsInOrder, long duplicateIds) {

    /** Pages through every stored event, handing each envelope to {@code envelopes}. */
    static StoredEvents scan(Api api, Consumer<JsonNode> envelopes) {
        long next = 1;
        long head;
        long seqs = 0;
        long expectedSeq = 1;
        Set<String> eventIds = new HashSet<>();
        long duplicates = 0;
        do {
            JsonNode page =
                    api.get("/v1/events?from_seq=" + next + "&limit=1000").body();
            head = page.get("head_seq").asLong();
            for (JsonNode event : page.get("events")) {
                if (event.get("seq").asLong() == expectedSeq) {
                    seqs++;
                    expectedSeq++;
                }
                JsonNode envelope = event.get("envelope");
                if (!eventIds.add(envelope.get("id").asText())) {
                    duplicates++;
                }
                envelopes.accept(envelope);
            }
            next = page.get("next_from_seq").asLong();
        } while (next <= head);
        return new StoredEvents(head, seqs, duplicates);
    }
}
