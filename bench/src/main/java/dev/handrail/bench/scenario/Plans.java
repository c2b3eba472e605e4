package dev.handrail.bench.scenario;

import dev.handrail.bench.load.ClosedLoop;
import dev.handrail.bench.load.HttpLoadClient;
import dev.handrail.bench.system.SystemUnderTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plan requests of the scenarios, as an agent sends them, and the checks on their answers. */
final class Plans {

    /** A safe read the load repeats; policy allows it without approval. */
    static final String SAFE_READ = "{\"intent\":\"file.read\",\"params\":{\"path\":\"" + SystemUnderTest.FILE
            + "\"},\"session_id\":\"bench\"}";
    /** The same read, answered as soon as the plan is accepted. */
    static final String SAFE_READ_NO_WAIT = "{\"intent\":\"file.read\",\"params\":{\"path\":\"" + SystemUnderTest.FILE
            + "\"},\"session_id\":\"bench\",\"wait\":false}";

    private static final Pattern ACTION_ID = Pattern.compile("\"action_id\"\\s*:\\s*\"([0-9A-Z]{26})\"");
    private static final Pattern SUCCEEDED = Pattern.compile("\"state\"\\s*:\\s*\"succeeded\"");

    private Plans() {}

    /** Clients that plan without waiting; each expects 202. Clients spread over the gateways round-robin. */
    static ClosedLoop.Call accepted(HttpLoadClient http, String gateway, String token) {
        String url = gateway + "/v1/actions/plan";
        return () -> http.post(url, token, SAFE_READ_NO_WAIT).expect(202) != null;
    }

    /**
     * A client that plans a safe read and waits for it; succeeds on 200 with state succeeded and
     * hands the action id and the time of the answer to {@code succeeded}.
     */
    static ClosedLoop.Call safeRead(
            HttpLoadClient http, String gateway, String token, BiConsumer<String, Long> succeeded) {
        String url = gateway + "/v1/actions/plan";
        return () -> {
            String body = http.post(url, token, SAFE_READ).expect(200).body();
            long at = System.nanoTime();
            if (!SUCCEEDED.matcher(body).find()) {
                throw new IllegalStateException("The action did not succeed: " + body);
            }
            succeeded.accept(actionId(body), at);
            return true;
        };
    }

    /** The gateway the next client uses, round-robin. */
    static String next(List<String> gateways, AtomicInteger counter) {
        return gateways.get(Math.floorMod(counter.getAndIncrement(), gateways.size()));
    }

    static String actionId(String body) {
        Matcher m = ACTION_ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("No action_id in the answer: " + body);
        }
        return m.group(1);
    }
}
