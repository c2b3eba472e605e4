package dev.handrail.devkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** NATS and PostgreSQL in containers, for machines where a Docker engine answers. */
final class Containers implements AutoCloseable {

    private final GenericContainer<?> nats;
    private final GenericContainer<?> postgres;

    private Containers(GenericContainer<?> nats, GenericContainer<?> postgres) {
        this.nats = nats;
        this.postgres = postgres;
    }

    /** Whether a Docker engine answers; asked only when a socket or DOCKER_HOST suggests one. */
    static boolean dockerAvailable() {
        boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        if (!hint || Boolean.getBoolean("handrail.no-docker")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Containers start(boolean withNats, boolean withPostgres) {
        GenericContainer<?> nats = null;
        GenericContainer<?> postgres = null;
        if (withNats) {
            nats = new GenericContainer<>(DockerImageName.parse("nats:2.10-alpine"))
                    .withCommand("-js")
                    .withExposedPorts(4222)
                    .waitingFor(Wait.forLogMessage(".*Server is ready.*", 1));
            nats.start();
        }
        if (withPostgres) {
            postgres = new GenericContainer<>(DockerImageName.parse("postgres:16-alpine"))
                    .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                    .withExposedPorts(5432)
                    .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
            postgres.start();
        }
        return new Containers(nats, postgres);
    }

    String natsUrl() {
        return "nats://" + nats.getHost() + ":" + nats.getMappedPort(4222);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432)
                + "/postgres?user=postgres";
    }

    @Override
    public void close() {
        if (nats != null) {
            nats.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }
}
