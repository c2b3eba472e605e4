package dev.handrail.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ConsumerContext;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each identity of {@code nats/handrail.conf}, connected to a real nats-server running that
 * configuration, may do what it needs and nothing else: no other service's subjects, no other
 * node's commands or results, no JetStream administration, no wider consumer; a feed subscriber
 * reads the event stream through its own durable consumer and may do nothing else; an enrolled
 * node ({@code desk-2}) may do what the local executor may, for its own node only.
 */
class NatsPermissionsTest {

    private static final String SUBSCRIBER = "subscriber-acme";
    private static final String ARTIFACTS = "handrail_artifacts";
    private static Infrastructure infra;
    private static final Map<String, FeedSubscribers.Subscriber> SUBSCRIBERS =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The NATS URL (with user and password, without an address) of each enrolled node's user. */
    private static final Map<String, String> NODES = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        java.nio.file.Path home = Files.createTempDirectory("nats-permissions");
        FeedSubscribers.Subscriber acme = FeedSubscribers.in(home).add("acme");
        SUBSCRIBERS.put(acme.user(), acme);
        ExecutorNodes.Node desk = ExecutorNodes.in(home).add("desk-2", null);
        NODES.put(
                desk.user(),
                ExecutorNodes.readCredentials(desk.credentialsFile()).get("HANDRAIL_NATS_URL"));
        infra = Infrastructure.start(
                Map.of(Infrastructure.ENV_DB_URL, "jdbc:postgresql://unused/x"), home, false, true);
        try (Connection admin = Nats.connect(infra.natsUrlFor("admin"))) {
            JetStreamManagement jsm = admin.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("HANDRAIL_COMMANDS")
                    .retentionPolicy(RetentionPolicy.WorkQueue)
                    .subjects("handrail.v1.cmd.policy.>", "handrail.v1.exec.>")
                    .build());
            jsm.addStream(StreamConfiguration.builder()
                    .name("HANDRAIL_EVENTS")
                    .subjects("handrail.v1.events.>")
                    .build());
            admin.objectStoreManagement()
                    .create(ObjectStoreConfiguration.builder(ARTIFACTS)
                            .storageType(StorageType.Memory)
                            .build());
        }
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @ParameterizedTest(name = "{0} may publish {1}")
    @CsvSource({
        "gateway,handrail.v1.cmd.policy.plan",
        "policy,handrail.v1.exec.local",
        "policy,handrail.v1.events.action.approved.file.read",
        "policy,handrail.v1.events.run.cancelled",
        "policy,handrail.v1.events.run.step_started",
        "executor-local,handrail.v1.events.action.succeeded.file.read.node.local",
        "executor-local,handrail.v1.events.action.executing.file.read.node.local",
        "executor-local,handrail.v1.events.action.failed.unknown.node.local",
        "executor-local,handrail.v1.heartbeat.node.local",
        "executor-desk-2,handrail.v1.heartbeat.node.desk-2",
        "executor-desk-2,handrail.v1.events.action.succeeded.file.read.node.desk-2",
        "executor-desk-2,handrail.v1.events.action.failed.unknown.node.desk-2",
        "health,handrail.v1.events.action.dead_lettered.file.read",
        "health,handrail.v1.events.action.failed.file.read",
        "audit,handrail.v1.heartbeat.service.audit-1"
    })
    void publishesWhatItsServiceNeeds(String identity, String subject) throws Exception {
        try (Probe probe = new Probe(identity);
                Connection admin = Nats.connect(infra.natsUrlFor("admin"))) {
            Subscription tap = admin.subscribe(subject);
            admin.flush(Duration.ofSeconds(2));

            probe.connection.publish(subject, new byte[] {1});

            assertThat(tap.nextMessage(Duration.ofSeconds(2))).as("delivered").isNotNull();
            assertThat(probe.errors).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} may not publish {1}")
    @CsvSource({
        "gateway,handrail.v1.exec.local",
        "gateway,handrail.v1.events.action.approved.file.read",
        "gateway,handrail.v1.events.run.cancelled",
        "executor-local,handrail.v1.events.run.cancelled",
        "health,handrail.v1.events.run.cancelled",
        "policy,handrail.v1.events.action.succeeded.file.read",
        "policy,handrail.v1.heartbeat.node.local",
        "executor-local,handrail.v1.events.action.approved.shell.run",
        "executor-local,handrail.v1.exec.local",
        "executor-local,handrail.v1.heartbeat.node.desk-2",
        "audit,handrail.v1.events.action.succeeded.file.read",
        "health,handrail.v1.cmd.policy.decide",
        "health,handrail.v1.exec.local",
        "policy,_INBOX.gateway.abc.1",
        "audit,_INBOX.policy.abc.1",
        "policy-responder,_INBOX.gateway.abc.1",
        "policy-responder,handrail.v1.exec.local",
        "health-responder,handrail.v1.events.action.failed.file.read",
        "executor-local,handrail.v1.events.action.succeeded.file.read",
        "executor-local,handrail.v1.events.action.succeeded.file.read.node.desk-2",
        "executor-local,handrail.v1.events.action.failed.file.read.node.desk-2",
        "executor-local,handrail.v1.events.action.failed.unknown.node.desk-2",
        "executor-local,handrail.v1.events.action.executing.file.read",
        "executor-local,handrail.v1.events.action.failed.file.read",
        "policy,handrail.v1.events.action.failed.file.read",
        "policy,handrail.v1.events.action.failed.file.read.node.local",
        "health,handrail.v1.events.action.failed.file.read.node.local",
        "health,handrail.v1.events.action.succeeded.file.read.node.local",
        "subscriber-acme,handrail.v1.events.action.succeeded.file.read.node.local",
        "subscriber-acme,handrail.v1.events.control.kill_switch",
        "subscriber-acme,handrail.v1.cmd.policy.plan",
        "subscriber-acme,handrail.v1.exec.local",
        "subscriber-acme,handrail.v1.query.audit.events",
        "subscriber-acme,handrail.v1.heartbeat.service.x",
        "subscriber-acme,$KV.handrail_tokens.x",
        "subscriber-acme,_INBOX.gateway.abc.1",
        "gateway,$O.handrail_artifacts.C.abc",
        "gateway,$O.handrail_artifacts.M.abc",
        "policy,$O.handrail_artifacts.M.abc",
        "audit,$O.handrail_artifacts.C.abc",
        "health,$O.handrail_artifacts.M.abc",
        "subscriber-acme,$O.handrail_artifacts.C.abc",
        "executor-desk-2,handrail.v1.heartbeat.node.local",
        "executor-desk-2,handrail.v1.events.action.succeeded.file.read.node.local",
        "executor-desk-2,handrail.v1.events.action.failed.unknown.node.local",
        "executor-desk-2,handrail.v1.events.action.succeeded.file.read",
        "executor-desk-2,handrail.v1.exec.desk-2",
        "executor-desk-2,handrail.v1.events.action.approved.shell.run"
    })
    void publishingOutsideItsAllowlistIsRefused(String identity, String subject) throws Exception {
        try (Probe probe = new Probe(identity)) {
            probe.connection.publish(subject, new byte[] {1});
            probe.connection.flush(Duration.ofSeconds(2));

            probe.awaitViolation("Publish to \"" + subject + "\"");
        }
    }

    @ParameterizedTest(name = "{0} may not subscribe to {1}")
    @CsvSource({
        "executor-local,handrail.v1.exec.desk-2",
        "executor-local,handrail.v1.exec.>",
        "executor-local,handrail.v1.events.run.>",
        "executor-local,handrail.v1.events.run.created",
        "gateway,handrail.v1.exec.>",
        "audit,handrail.v1.cmd.policy.>",
        "policy,handrail.v1.query.audit.>",
        "gateway,_INBOX.>",
        "policy,_INBOX.gateway.>",
        "audit,_INBOX.policy.x",
        "policy,handrail.v1.query.policy.>",
        "policy-responder,handrail.v1.query.audit.>",
        "policy-responder,handrail.v1.events.>",
        "audit-responder,_INBOX.>",
        "executor-local,handrail.v1.events.>",
        "executor-local,handrail.v1.events.action.>",
        "subscriber-acme,handrail.v1.events.>",
        "subscriber-acme,handrail.v1.audit.stored.>",
        "subscriber-acme,handrail.v1.heartbeat.>",
        "subscriber-acme,$KV.handrail_tokens.>",
        "subscriber-acme,_INBOX.>",
        "subscriber-acme,handrail.v1.exec.local",
        "subscriber-acme,handrail.v1.query.>",
        "gateway,$O.handrail_artifacts.>",
        "executor-local,$O.handrail_artifacts.>",
        "health,$O.handrail_artifacts.C.*",
        "subscriber-acme,$O.handrail_artifacts.>",
        "executor-desk-2,handrail.v1.exec.local",
        "executor-desk-2,handrail.v1.exec.>",
        "executor-desk-2,_INBOX.executor-local.>",
        "executor-desk-2,handrail.v1.events.>"
    })
    void subscribingOutsideItsAllowlistIsRefused(String identity, String subject) throws Exception {
        try (Probe probe = new Probe(identity)) {
            probe.connection.subscribe(subject);
            probe.connection.flush(Duration.ofSeconds(2));

            probe.awaitViolation("Subscription to \"" + subject + "\"");
        }
    }

    @ParameterizedTest(name = "{1} answers {0} on {2}")
    @CsvSource({
        "gateway,policy-responder,handrail.v1.query.policy.evaluate",
        "policy,audit-responder,handrail.v1.query.audit.actions",
        "health,audit-responder,handrail.v1.query.audit.action",
        "gateway,health-responder,handrail.v1.query.health.status"
    })
    void aResponderAnswersTheQueriesItReceivesOnce(String requester, String responder, String subject)
            throws Exception {
        try (Probe asker = new Probe(requester);
                Probe answerer = new Probe(responder)) {
            List<String> replyTos = new CopyOnWriteArrayList<>();
            answerer.connection.createDispatcher().subscribe(subject, "q", m -> {
                replyTos.add(m.getReplyTo());
                answerer.connection.publish(m.getReplyTo(), "first".getBytes());
                answerer.connection.publish(m.getReplyTo(), "second".getBytes());
            });
            answerer.connection.flush(Duration.ofSeconds(2));

            Subscription replies = asker.connection.subscribe("_INBOX." + requester + ".probe.>");
            asker.connection.publish(subject, "_INBOX." + requester + ".probe.1", "{}".getBytes());

            assertThat(new String(replies.nextMessage(Duration.ofSeconds(2)).getData()))
                    .isEqualTo("first");
            assertThat(replies.nextMessage(Duration.ofMillis(300)))
                    .as("a second answer")
                    .isNull();
            answerer.awaitViolation("Publish to \"" + replyTos.getFirst() + "\"");
            assertThat(asker.errors).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} may not call {1}")
    @CsvSource({
        "policy,$JS.API.STREAM.PURGE.HANDRAIL_EVENTS",
        "audit,$JS.API.STREAM.DELETE.HANDRAIL_EVENTS",
        "gateway,$JS.API.STREAM.CREATE.MINE",
        "health,$JS.API.STREAM.PURGE.HANDRAIL_COMMANDS",
        "executor-local,$JS.API.CONSUMER.DELETE.HANDRAIL_COMMANDS.policy",
        "policy,$JS.API.STREAM.MSG.DELETE.HANDRAIL_EVENTS",
        "policy,$JS.API.CONSUMER.DELETE.HANDRAIL_EVENTS.audit",
        "policy,$JS.API.CONSUMER.DELETE.HANDRAIL_EVENTS.health",
        "health,$JS.API.STREAM.MSG.DELETE.HANDRAIL_COMMANDS",
        "executor-local,$JS.API.STREAM.MSG.GET.HANDRAIL_EVENTS",
        "executor-local,$JS.API.DIRECT.GET.HANDRAIL_EVENTS",
        "executor-local,$JS.API.CONSUMER.MSG.NEXT.HANDRAIL_EVENTS.audit",
        "executor-local,$JS.API.CONSUMER.DELETE.HANDRAIL_EVENTS.audit",
        "executor-local,$JS.API.CONSUMER.DELETE.HANDRAIL_COMMANDS.executor-local",
        "executor-local,$JS.API.STREAM.MSG.GET.HANDRAIL_COMMANDS",
        "subscriber-acme,$JS.API.CONSUMER.DELETE.HANDRAIL_EVENTS.subscriber-acme",
        "subscriber-acme,$JS.API.CONSUMER.DELETE.HANDRAIL_EVENTS.audit",
        "subscriber-acme,$JS.API.CONSUMER.MSG.NEXT.HANDRAIL_EVENTS.audit",
        "subscriber-acme,$JS.API.CONSUMER.INFO.HANDRAIL_EVENTS.audit",
        "subscriber-acme,$JS.API.STREAM.MSG.GET.HANDRAIL_EVENTS",
        "subscriber-acme,$JS.API.STREAM.MSG.DELETE.HANDRAIL_EVENTS",
        "subscriber-acme,$JS.API.STREAM.PURGE.HANDRAIL_EVENTS",
        "subscriber-acme,$JS.API.STREAM.INFO.HANDRAIL_COMMANDS",
        "subscriber-acme,$JS.API.STREAM.INFO.KV_handrail_tokens",
        "subscriber-acme,$JS.API.STREAM.NAMES",
        "subscriber-acme,$JS.API.CONSUMER.MSG.NEXT.HANDRAIL_COMMANDS.executor-local",
        "subscriber-acme,$JS.ACK.HANDRAIL_EVENTS.audit.1.1.1.1.1.0",
        "executor-local,$JS.API.DIRECT.GET.OBJ_handrail_artifacts",
        "executor-local,$JS.API.STREAM.MSG.GET.OBJ_handrail_artifacts",
        "executor-local,$JS.API.STREAM.PURGE.OBJ_handrail_artifacts",
        "executor-local,$JS.API.CONSUMER.CREATE.OBJ_handrail_artifacts",
        "gateway,$JS.API.STREAM.PURGE.OBJ_handrail_artifacts",
        "gateway,$JS.API.STREAM.MSG.DELETE.OBJ_handrail_artifacts",
        "gateway,$JS.API.CONSUMER.CREATE.OBJ_handrail_artifacts",
        "gateway,$JS.API.DIRECT.GET.KV_handrail_tokens",
        "policy,$JS.API.DIRECT.GET.OBJ_handrail_artifacts",
        "audit,$JS.API.DIRECT.GET.OBJ_handrail_artifacts",
        "health,$JS.API.DIRECT.GET.OBJ_handrail_artifacts",
        "health,$JS.API.STREAM.MSG.GET.OBJ_handrail_artifacts",
        "subscriber-acme,$JS.API.DIRECT.GET.OBJ_handrail_artifacts",
        "subscriber-acme,$JS.API.DIRECT.GET.OBJ_handrail_artifacts.$O.handrail_artifacts.M.abc"
    })
    void jetStreamAdministrationIsRefused(String identity, String apiSubject) throws Exception {
        try (Probe probe = new Probe(identity)) {
            probe.connection.publish(apiSubject, "{}".getBytes());
            probe.connection.flush(Duration.ofSeconds(2));

            probe.awaitViolation("Publish to \"" + apiSubject + "\"");
        }
    }

    @ParameterizedTest(name = "{0} may create consumer {1} filtered on {2}: {3}")
    @CsvSource({
        "executor-local,executor-local,handrail.v1.exec.local,HANDRAIL_COMMANDS,true",
        "executor-local,executor-desk-2,handrail.v1.exec.desk-2,HANDRAIL_COMMANDS,false",
        "executor-local,executor-local,handrail.v1.exec.>,HANDRAIL_COMMANDS,false",
        "policy,policy,handrail.v1.cmd.policy.>,HANDRAIL_COMMANDS,true",
        "policy,policy,handrail.v1.>,HANDRAIL_COMMANDS,false",
        "audit,audit,handrail.v1.events.>,HANDRAIL_EVENTS,true",
        "gateway,audit,handrail.v1.events.>,HANDRAIL_EVENTS,false",
        "executor-local,executor-local-kill-switch,handrail.v1.events.control.kill_switch,HANDRAIL_EVENTS,true",
        "executor-local,executor-local-kill-switch,handrail.v1.events.>,HANDRAIL_EVENTS,false",
        "executor-local,executor-desk-2-kill-switch,handrail.v1.events.control.kill_switch,HANDRAIL_EVENTS,false",
        "executor-local,audit,handrail.v1.events.control.kill_switch,HANDRAIL_EVENTS,false",
        "subscriber-acme,subscriber-acme,handrail.v1.events.action.>,HANDRAIL_EVENTS,true",
        "subscriber-acme,subscriber-acme,handrail.v1.exec.local,HANDRAIL_COMMANDS,false",
        "subscriber-acme,subscriber-bob,handrail.v1.events.>,HANDRAIL_EVENTS,false",
        "subscriber-acme,audit,handrail.v1.events.>,HANDRAIL_EVENTS,false",
        "subscriber-acme,health,handrail.v1.events.action.>,HANDRAIL_EVENTS,false",
        "health,health-quarantine,handrail.v1.events.audit.quarantined,HANDRAIL_EVENTS,true",
        "health,health-quarantine,handrail.v1.events.>,HANDRAIL_EVENTS,false",
        "health,health-webhooks,handrail.v1.events.>,HANDRAIL_EVENTS,true",
        "health,health-webhooks,handrail.v1.cmd.policy.>,HANDRAIL_COMMANDS,false",
        "gateway,health-webhooks,handrail.v1.events.>,HANDRAIL_EVENTS,false",
        "executor-desk-2,executor-desk-2,handrail.v1.exec.desk-2,HANDRAIL_COMMANDS,true",
        "executor-desk-2,executor-local,handrail.v1.exec.local,HANDRAIL_COMMANDS,false",
        "executor-desk-2,executor-desk-2,handrail.v1.exec.local,HANDRAIL_COMMANDS,false",
        "executor-desk-2,executor-local-kill-switch,handrail.v1.events.control.kill_switch,HANDRAIL_EVENTS,false",
        "executor-desk-2,executor-desk-2-kill-switch,handrail.v1.events.control.kill_switch,HANDRAIL_EVENTS,true"
    })
    void aServiceCreatesOnlyItsOwnConsumerWithItsOwnFilter(
            String identity, String durable, String filter, String stream, boolean allowed) throws Exception {
        try (Probe probe = new Probe(identity)) {
            JetStreamManagement jsm = probe.connection.jetStreamManagement(JetStreamOptions.builder()
                    .requestTimeout(Duration.ofMillis(700))
                    .build());
            ConsumerConfiguration config = ConsumerConfiguration.builder()
                    .durable(durable)
                    .filterSubject(filter)
                    .ackPolicy(AckPolicy.Explicit)
                    .build();
            boolean created;
            try {
                jsm.addOrUpdateConsumer(stream, config);
                created = true;
            } catch (Exception refused) {
                created = false;
            }

            assertThat(created).isEqualTo(allowed);
            if (!allowed) {
                probe.awaitViolation("Publish to \"$JS.API.CONSUMER");
            }
        }
    }

    @Test
    void aSubscriberReadsTheFeedThroughItsOwnDurableConsumer() throws Exception {
        String subject = "handrail.v1.events.action.succeeded.file.read.node.local";
        String marker = "{\"n\":\"" + System.nanoTime() + "\"}";
        try (Probe probe = new Probe(SUBSCRIBER);
                Connection admin = Nats.connect(infra.natsUrlFor("admin"))) {
            ConsumerContext tap = probe.connection
                    .getStreamContext("HANDRAIL_EVENTS")
                    .createOrUpdateConsumer(ConsumerConfiguration.builder()
                            .durable(SUBSCRIBER)
                            .filterSubject("handrail.v1.events.action.>")
                            .ackPolicy(AckPolicy.Explicit)
                            .build());
            admin.jetStream().publish(subject, marker.getBytes());

            io.nats.client.Message message = tap.next(Duration.ofSeconds(3));
            while (message != null && !marker.equals(new String(message.getData()))) {
                message.ackSync(Duration.ofSeconds(2));
                message = tap.next(Duration.ofSeconds(3));
            }

            assertThat(message).as("delivered").isNotNull();
            message.ackSync(Duration.ofSeconds(2));
            assertThat(tap.getConsumerInfo().getAckFloor().getStreamSequence())
                    .isEqualTo(message.metaData().streamSequence());
            assertThat(probe.errors).isEmpty();
        }
    }

    @Test
    void anExecutorReplaysTheKillSwitchThroughItsOwnConsumerAndRemovesIt() throws Exception {
        String consumer = "executor-local-kill-switch";
        String killSwitch = "handrail.v1.events.control.kill_switch";
        try (Probe probe = new Probe("executor-local");
                Connection admin = Nats.connect(infra.natsUrlFor("admin"))) {
            admin.jetStream().publish(killSwitch, "{\"scope\":\"global\"}".getBytes());
            JetStreamManagement jsm = probe.connection.jetStreamManagement();
            try {
                jsm.deleteConsumer("HANDRAIL_EVENTS", consumer);
            } catch (io.nats.client.JetStreamApiException notThere) {
                // made afresh: an earlier start (or test) may or may not have left one
            }

            ConsumerContext replay = probe.connection
                    .getStreamContext("HANDRAIL_EVENTS")
                    .createOrUpdateConsumer(ConsumerConfiguration.builder()
                            .name(consumer)
                            .filterSubject(killSwitch)
                            .ackPolicy(AckPolicy.None)
                            .inactiveThreshold(Duration.ofMinutes(1))
                            .build());
            io.nats.client.Message message = replay.next(Duration.ofSeconds(3));

            assertThat(message).isNotNull();
            assertThat(message.getSubject()).isEqualTo(killSwitch);
            assertThat(jsm.deleteConsumer("HANDRAIL_EVENTS", consumer)).isTrue();
            assertThat(probe.errors).isEmpty();
        }
    }

    @Test
    void theExecutorStoresAnArtifactThatTheGatewayReadsWithDirectGetsOnly() throws Exception {
        byte[] picture = new byte[300_000];
        new java.util.Random(7).nextBytes(picture);
        String key = "01JARTIFACT" + System.nanoTime() + "/screen.png";
        try (Probe executor = new Probe("executor-local");
                Probe gateway = new Probe("gateway")) {
            ObjectInfo stored = executor.connection.objectStore(ARTIFACTS).put(key, picture);

            ObjectInfo info = gateway.connection.objectStore(ARTIFACTS).getInfo(key);
            JetStreamManagement jsm = gateway.connection.jetStreamManagement();
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            long next = 1;
            for (long chunk = 0; chunk < info.getChunks(); chunk++) {
                MessageInfo message =
                        jsm.getNextMessage("OBJ_" + ARTIFACTS, next, "$O." + ARTIFACTS + ".C." + info.getNuid());
                read.writeBytes(message.getData());
                next = message.getSeq() + 1;
            }

            assertThat(stored.getChunks()).isGreaterThan(1);
            assertThat(read.toByteArray()).isEqualTo(picture);
            assertThat(executor.errors).isEmpty();
            assertThat(gateway.errors).isEmpty();
        }
    }

    @Test
    void aSubscriberAddedAfterTheServerStartedIsUnknownToItUntilItRestarts() throws Exception {
        FeedSubscribers.Subscriber late = infra.subscribers().add("late");
        Options options = Options.builder()
                .server(infra.natsServerUrl())
                .noReconnect()
                .authHandler(Nats.staticCredentials(
                        null, Files.readString(late.seedFile()).trim().toCharArray()))
                .build();

        assertThatThrownBy(() -> Nats.connect(options).close()).isInstanceOf(java.io.IOException.class);
    }

    /** A connection as one identity that records the server's permission errors. */
    private static final class Probe implements AutoCloseable {
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final Connection connection;

        Probe(String identity) throws Exception {
            FeedSubscribers.Subscriber subscriber = SUBSCRIBERS.get(identity);
            String node = NODES.get(identity);
            Options.Builder builder = node != null
                    ? Options.builder().server(ExecutorNodes.withServer(node, infra.natsServerUrl()))
                    : subscriber == null
                            ? Options.builder().server(infra.natsUrlFor(identity))
                            : Options.builder()
                                    .server(infra.natsServerUrl())
                                    .authHandler(Nats.staticCredentials(
                                            null,
                                            Files.readString(subscriber.seedFile())
                                                    .trim()
                                                    .toCharArray()));
            Options options = builder.noReconnect()
                    .inboxPrefix("_INBOX." + identity)
                    .errorListener(new ErrorListener() {
                        @Override
                        public void errorOccurred(Connection conn, String error) {
                            errors.add(error);
                        }

                        @Override
                        public void exceptionOccurred(Connection conn, Exception exp) {
                            errors.add(String.valueOf(exp.getMessage()));
                        }

                        @Override
                        public void slowConsumerDetected(Connection conn, Consumer consumer) {}
                    })
                    .build();
            this.connection = Nats.connect(options);
        }

        void awaitViolation(String what) {
            await().atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(errors)
                            .anySatisfy(e -> assertThat(e)
                                    .containsIgnoringCase("Permissions Violation")
                                    .contains(what)));
        }

        @Override
        public void close() throws InterruptedException {
            connection.close();
        }
    }
}
