package dev.handrail.launcher;

import dev.handrail.cli.HandrailCli;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./handrail up}: starts NATS, PostgreSQL and the five services on embedded defaults,
 * prints the gateway URL, and stops everything on Ctrl-C; {@code ./handrail up --cluster} runs NATS
 * as a local cluster of three servers instead of one. {@code ./handrail subscriber ...}
 * manages the NATS identities of feed subscribers ({@link SubscriberCommand}), {@code ./handrail
 * nodes ...} those of executor nodes ({@link NodesCommand}), and {@code ./handrail package executor}
 * builds the executor's installable zip ({@link PackageCommand}). Every other command is an
 * operator command over the public API ({@link HandrailCli}, ADR 0024).
 */
public final class Handrail {

    /** {@code ./handrail up --cluster}: NATS as a local cluster of {@value #CLUSTER_SERVERS} servers, streams kept on all three. */
    static final String CLUSTER_OPTION = "--cluster";

    static final int CLUSTER_SERVERS = 3;

    private Handrail() {}

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "up" : args[0];
        if (!java.util.Set.of("up", "subscriber", "nodes", "package").contains(command)) {
            System.exit(HandrailCli.execute(args));
        }
        Path repo = Path.of(System.getProperty("handrail.repo", "."))
                .toAbsolutePath()
                .normalize();
        Settings settings = Settings.fromEnvironment(System.getenv(), repo);
        java.util.List<String> rest = java.util.List.of(args).subList(1, args.length);
        switch (command) {
            case "subscriber" -> System.exit(new SubscriberCommand(settings, System.out).run(rest));
            case "nodes" -> System.exit(new NodesCommand(settings, System.out).run(rest));
            case "package" -> System.exit(new PackageCommand(settings, System.out).run(rest));
            default -> {}
        }
        if (rest.equals(java.util.List.of(CLUSTER_OPTION))) {
            settings = settings.withNatsCluster(CLUSTER_SERVERS);
        } else if (!rest.isEmpty()) {
            System.err.println("Usage: ./handrail up [" + CLUSTER_OPTION + "]");
            System.exit(2);
            return;
        }
        LocalSystem system;
        try {
            system = LocalSystem.start(settings);
        } catch (RuntimeException e) {
            System.err.println("Handrail did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping Handrail ...");
                            system.close();
                            stopped.countDown();
                        },
                        "handrail-stop"));
        String token = system.adminTokenIsNew()
                ? system.adminToken() + "   (new: shown this once, kept in "
                        + settings.home().resolve("bootstrap-token") + ")"
                : "in " + settings.home().resolve("bootstrap-token") + " (or HANDRAIL_BOOTSTRAP_TOKEN)";
        System.out.printf(
                "%nHandrail is up.%n  Gateway:     %s%n  Admin token: %s%n"
                        + "  Try:         curl -s -H \"Authorization: Bearer $(cat %s)\" %s/v1/capabilities%n"
                        + "  Workspace:   %s%n  Logs:        %s%n  NATS:        %s%s%nPress Ctrl-C to stop.%n",
                system.gatewayUrl(),
                token,
                settings.home().resolve("bootstrap-token"),
                system.gatewayUrl(),
                settings.workspace(),
                settings.home().resolve("logs"),
                system.infrastructure().natsServerUrl(),
                system.infrastructure()
                        .natsCluster()
                        .map(cluster -> String.format(
                                "%n               a cluster of %d servers, each stream and bucket kept on %d",
                                cluster.size(), system.replicas().count()))
                        .orElse(""));
        stopped.await();
    }
}
