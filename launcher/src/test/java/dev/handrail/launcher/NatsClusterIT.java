package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.action.ActionState;
import dev.handrail.contracts.artifact.Artifacts;
import dev.handrail.devkit.LocalNatsCluster;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system on a local NATS cluster of three servers, every stream and bucket kept on all
 * three: under a steady load of mixed actions from several clients, the server that leads the
 * commands stream is killed with SIGKILL and later started again. Every plan the gateway accepted
 * reaches exactly one terminal state, no action runs twice (each {@code shell.run} appends its own
 * line to a file; each action has one {@code executing} event), the audit chain has no gap, and
 * the time until plans are accepted and settle again is reported.
 */
class NatsClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int CLIENTS = 4;
    /** Each client's pause between plans: a steady load, not a flood the machine cannot carry. */
    private static final Duration PACE = Duration.ofMillis(150);

    private static final Duration BEFORE_KILL = Duration.ofSeconds(5);
    /** At least this long on two servers, and until the system works again. */
    private static final Duration KILLED_FOR = Duration.ofSeconds(5);

    private static final Duration AFTER_RESTART = Duration.ofSeconds(4);
    private static final String RUNS_LOG = "cluster-runs.log";
    private static final Set<String> TERMINAL_TYPES = Arrays.stream(ActionState.values())
            .filter(ActionState::isTerminal)
            .map(state -> "dev.handrail.action." + state.wire() + ".v1")
            .collect(Collectors.toUnmodifiableSet());

    private static LocalSystem system;
    private static Api api;
    private static Path workspace;

    @BeforeAll
    static void startSystem() {
        Awaitility.ignoreExceptionsByDefault();
        TestHome home = TestHome.create("handrail-cluster-it");
        workspace = home.workspace();
        system = LocalSystem.start(
                home.settings().withNatsCluster(3),
                Map.of(
                        "HANDRAIL_GATEWAY_SECURITY_REQUESTS_PER_SECOND", "100000",
                        "HANDRAIL_GATEWAY_SECURITY_BURST", "100000",
                        // Each shell.run appends a line through sh, so a second run of one would show.
                        "HANDRAIL_EXECUTOR_SHELL_ALLOWED_EXECUTABLES", "sh",
                        "HANDRAIL_EXECUTOR_SHELL_ALLOW_INTERPRETERS", "true"));
        api = Api.admin(system);
        api.awaitNodeImplements("shell.run");
        for (String intent : List.of("file.write", "shell.run")) {
            Api.Answer auto = api.patch("/v1/capabilities/" + intent, Map.of("approval_mode", "auto"));
            assertThat(auto.status()).as("%s", auto.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void losingTheServerThatLeadsTheCommandsStreamLosesAndRepeatsNothing() throws Exception {
        LocalNatsCluster cluster = system.infrastructure().natsCluster().orElseThrow();
        assertReplicated(cluster.size());
        Files.writeString(workspace.resolve("cluster-read.txt"), "read under load");
        String session = "s-cluster-" + UUID.randomUUID();

        Load load = new Load(session);
        load.start();
        Thread.sleep(BEFORE_KILL.toMillis());
        long acceptedBeforeKill = load.accepted().size();
        String leader = cluster.streamLeader(Subjects.STREAM_COMMANDS);
        int victim = cluster.indexOf(leader);
        long killedAt = System.nanoTime();
        cluster.kill(victim);
        load.killedAt.set(killedAt);
        Thread.sleep(KILLED_FOR.toMillis());
        long recoveredAt = await().atMost(WAIT).until(load::recoveredAt, at -> at > 0);
        cluster.restart(victim);
        long restartedAt = System.nanoTime();
        Thread.sleep(AFTER_RESTART.toMillis());
        load.stop();

        List<Plan> accepted = load.accepted();
        assertThat(load.unexpected)
                .as("answers other than accepted or a 503 refusal")
                .isEmpty();
        assertThat(accepted.size()).isGreaterThan((int) acceptedBeforeKill);
        Map<String, Plan> byId = new HashMap<>();
        accepted.forEach(plan -> byId.put(plan.actionId(), plan));
        assertThat(byId).as("action ids handed out twice").hasSameSizeAs(accepted);

        await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(settledCount(session)).isEqualTo(accepted.size()));
        long settledAt = System.nanoTime();

        Scan scan = scanAllEvents(session);
        assertThat(scan.seqs).as("every seq from 1 to the head, once").isEqualTo(scan.head);
        assertThat(scan.duplicateIds).as("event ids stored twice").isZero();
        assertThat(scan.terminal.keySet())
                .as("every accepted plan settles")
                .containsExactlyInAnyOrderElementsOf(byId.keySet());
        assertThat(scan.terminal)
                .as("terminal events per action")
                .allSatisfy((id, states) -> assertThat(states).hasSize(1));
        assertThat(scan.executing)
                .as("executing events per action")
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));

        Map<String, Long> lines = Files.readAllLines(workspace.resolve(RUNS_LOG)).stream()
                .collect(Collectors.groupingBy(line -> line, Collectors.counting()));
        assertThat(lines)
                .as("shell.run lines per action")
                .allSatisfy((line, count) -> assertThat(count).isEqualTo(1));
        long shellSucceeded = 0;
        for (Plan plan : accepted) {
            String state = scan.terminal.get(plan.actionId()).getFirst();
            if (plan.kind() == Kind.SHELL && state.equals("succeeded")) {
                shellSucceeded++;
                assertThat(lines).containsKey(plan.token());
            }
            if (plan.kind() == Kind.WRITE && state.equals("succeeded")) {
                assertThat(workspace.resolve(Kind.WRITE.path(plan.token()))).hasContent(plan.token());
            }
        }

        JsonNode verify = await().atMost(WAIT)
                .until(
                        () -> api.get("/v1/audit/verify").body(),
                        body -> body.get("intact").asBoolean()
                                && body.get("head_seq").asLong() >= scan.head);
        assertThat(verify.get("complete").asBoolean())
                .as("nothing quarantined: %s", verify)
                .isTrue();

        Map<String, Long> states = new java.util.TreeMap<>();
        scan.terminal.values().forEach(s -> states.merge(s.getFirst(), 1L, Long::sum));
        System.out.printf(
                "NatsClusterIT: %d clients for %d ms on a %d-server cluster (R%d); killed %s, the leader of %s,"
                        + " after %d accepted plans, restarted it %d ms later; %d plans accepted (%d file.read, %d file.write,"
                        + " %d shell.run), %d refused with 503 while the bus recovered, settled %s; %d shell.run lines, one each;"
                        + " %d events stored, seq 1..%d gap-free, chain intact; recovered (a plan sent after the kill"
                        + " accepted and settled) %d ms after the kill; all settled %d ms after the load stopped%n",
                CLIENTS,
                ms(load.stoppedAt - load.startedAt),
                cluster.size(),
                system.replicas().count(),
                leader,
                Subjects.STREAM_COMMANDS,
                acceptedBeforeKill,
                ms(restartedAt - killedAt),
                accepted.size(),
                accepted.stream().filter(p -> p.kind() == Kind.READ).count(),
                accepted.stream().filter(p -> p.kind() == Kind.WRITE).count(),
                accepted.stream().filter(p -> p.kind() == Kind.SHELL).count(),
                load.refused.get(),
                states,
                shellSucceeded,
                scan.head,
                scan.head,
                ms(recoveredAt - killedAt),
                ms(settledAt - load.stoppedAt));
    }

    /** Every stream and bucket Handrail made is kept on every server of the cluster. */
    private static void assertReplicated(int servers) throws Exception {
        try (Connection admin = Nats.connect(system.infrastructure().natsUrlFor("admin"))) {
            JetStreamManagement jsm = admin.jetStreamManagement();
            for (String stream : List.of(
                    Subjects.STREAM_EVENTS,
                    Subjects.STREAM_COMMANDS,
                    "KV_" + Subjects.TOKEN_BUCKET,
                    "OBJ_" + Artifacts.BUCKET)) {
                StreamInfo info = jsm.getStreamInfo(stream);
                assertThat(info.getConfiguration().getReplicas()).as(stream).isEqualTo(servers);
                assertThat(info.getClusterInfo().getReplicas()).as(stream).hasSize(servers - 1);
            }
        }
    }

    private static long settledCount(String session) {
        long settled = 0;
        for (ActionState state : ActionState.values()) {
            if (state.isTerminal()) {
                settled += api.get("/v1/actions?session_id=" + session + "&state=" + state.wire() + "&limit=1")
                        .body()
                        .get("total")
                        .asLong();
            }
        }
        return settled;
    }

    /** The mix of actions the clients send, in turn. */
    private enum Kind {
        READ,
        WRITE,
        SHELL;

        Map<String, Object> request(String session, String token) {
            Map<String, Object> params = switch (this) {
                case READ -> Map.of("path", "cluster-read.txt");
                case WRITE -> Map.of("path", path(token), "content", token);
                case SHELL -> Map.of("command", "sh -c 'echo " + token + " >> " + RUNS_LOG + "'");
            };
            String intent = switch (this) {
                case READ -> "file.read";
                case WRITE -> "file.write";
                case SHELL -> "shell.run";
            };
            return Map.of("intent", intent, "params", params, "session_id", session, "wait", false);
        }

        String path(String token) {
            return "cluster-writes/" + token + ".txt";
        }
    }

    /** A plan the gateway accepted (HTTP 202). */
    private record Plan(Kind kind, String token, String actionId) {}

    /**
     * The load: {@link #CLIENTS} clients each planning the next of {@link Kind} every {@link #PACE}
     * without waiting for the outcome, and one probe planning a {@code file.read} and waiting for
     * it, which tells when the system works again after the kill.
     */
    private static final class Load {
        final String session;
        final List<Plan> accepted = new CopyOnWriteArrayList<>();
        final AtomicLong refused = new AtomicLong();
        final Map<String, Integer> unexpected = new ConcurrentHashMap<>();
        final AtomicLong killedAt = new AtomicLong();
        final AtomicLong recovered = new AtomicLong();
        final AtomicBoolean stopping = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();
        long startedAt;
        long stoppedAt;

        Load(String session) {
            this.session = session;
        }

        void start() {
            startedAt = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                threads.add(Thread.ofVirtual().name("client-" + c).start(() -> client(client)));
            }
            threads.add(Thread.ofVirtual().name("probe").start(this::probe));
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(90));
            }
            stoppedAt = System.nanoTime();
        }

        List<Plan> accepted() {
            return List.copyOf(accepted);
        }

        long recoveredAt() {
            return recovered.get();
        }

        private void client(int client) {
            for (int i = client; !stopping.get(); i++) {
                Kind kind = Kind.values()[i % Kind.values().length];
                String token = "t" + client + "-" + i + "-" + UUID.randomUUID();
                try {
                    Api.Answer answer = api.plan(kind.request(session, token));
                    if (answer.status() == 202) {
                        accepted.add(new Plan(
                                kind, token, answer.body().get("action_id").asText()));
                    } else if (answer.status() == 503) {
                        refused.incrementAndGet();
                    } else {
                        unexpected.merge(answer.status() + " " + answer.body(), 1, Integer::sum);
                    }
                    Thread.sleep(PACE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    unexpected.merge(e.toString(), 1, Integer::sum);
                }
            }
        }

        /** Plans and waits, one after the other; the first sent after the kill that settles marks recovery. */
        private void probe() {
            while (!stopping.get()) {
                long sent = System.nanoTime();
                try {
                    Api.Answer answer = api.plan(Map.of(
                            "intent", "file.read", "params", Map.of("path", "cluster-read.txt"), "timeout_ms", 30_000));
                    long killed = killedAt.get();
                    if (killed > 0
                            && sent > killed
                            && answer.status() == 200
                            && "succeeded".equals(answer.body().path("state").asText())) {
                        recovered.compareAndSet(0, System.nanoTime());
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // the probe only marks recovery; the clients count failures
                }
            }
        }
    }

    /** What paging through every stored event found: the seqs and ids, and the session's terminal and executing events by action. */
    private record Scan(
            long head,
            long seqs,
            long duplicateIds,
            Map<String, List<String>> terminal,
            Map<String, Integer> executing) {}

    private static Scan scanAllEvents(String session) {
        Map<String, List<String>> terminal = new HashMap<>();
        Map<String, Integer> executing = new HashMap<>();
        StoredEvents stored = StoredEvents.scan(api, envelope -> {
            if (!session.equals(envelope.path("session").asText())) {
                return;
            }
            String type = envelope.get("type").asText();
            String action = envelope.get("subject").asText();
            if (TERMINAL_TYPES.contains(type)) {
                terminal.computeIfAbsent(action, k -> new ArrayList<>())
                        .add(type.substring("dev.handrail.action.".length(), type.length() - ".v1".length()));
            } else if (type.equals("dev.handrail.action.executing.v1")) {
                executing.merge(action, 1, Integer::sum);
            }
        });
        return new Scan(stored.head(), stored.seqsInOrder(), stored.duplicateIds(), terminal, executing);
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
