package dev.handrail.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A worker process for {@link RunsIT}: claims one run with a short lease, records step 1 and
 * starts step 2, prints what it did (one line each, the lease token first), then keeps its lease
 * alive until it is killed. Arguments: the gateway's URL, the worker's API token.
 */
public final class RunWorker {

    private RunWorker() {}

    public static void main(String[] args) throws InterruptedException {
        Api api = new Api(args[0], args[1]);
        JsonNode claimed = api.post("/v1/runs/claim", Map.of("ttl_s", 5)).body();
        if (claimed.get("run").isNull()) {
            System.out.println("none");
            return;
        }
        String run = claimed.get("run").get("id").asText();
        String token = claimed.get("lease").get("token").asText();
        System.out.println("claimed " + run + " " + token);
        String first = api.post(
                        "/v1/runs/" + run + "/steps", Map.of("lease_token", token, "name", "fetch", "key", "s1"))
                .body()
                .get("step")
                .get("id")
                .asText();
        api.post("/v1/steps/" + first + "/succeed", Map.of("lease_token", token, "output", Map.of("pages", 3)));
        System.out.println("step s1 done");
        api.post("/v1/runs/" + run + "/steps", Map.of("lease_token", token, "name", "summarise", "key", "s2"));
        System.out.println("step s2 started");
        System.out.flush();
        while (true) {
            Thread.sleep(1_000);
            api.post("/v1/runs/" + run + "/lease/heartbeat", Map.of("lease_token", token, "ttl_s", 5));
        }
    }
}
