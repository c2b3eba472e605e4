package dev.handrail.devkit;

import dev.handrail.contracts.Subjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The NATS identities of enrolled executor nodes: node {@code <id>} connects as the password
 * user {@code executor-<id>}, with exactly the permissions {@code nats/handrail.conf} gives the
 * executor of node {@code local} ({@code EXECUTOR_LOCAL}) with {@code local} replaced by its id:
 * its own execute commands, its own result and heartbeat subjects, its own consumers and inbox.
 * Each node's password is kept owner-only under {@code home/nodes/<id>.secret} and reaches
 * nats-server through its environment ({@link #serverEnvironment()}), never through the
 * configuration; the credentials handed to the node ({@code <id>.env}: its id and its NATS URL with
 * user and password) are written once beside it. Revoking deletes both, so the server refuses the
 * node from its next start. Not safe for two processes enrolling the same node at once (the second
 * is refused by the file system).
 */
public final class ExecutorNodes {

    /** The node of the executor the launcher runs itself; it has its own identity and cannot be enrolled. */
    public static final String LOCAL = "local";

    /** What the credentials file has in place of the server address when none was given. */
    public static final String ADDRESS_PLACEHOLDER = "NATS-HOST:4222";

    private static final String SECRET = ".secret";
    private static final String CREDENTIALS = ".env";
    private static final String TEMPLATE_BLOCK = "EXECUTOR_LOCAL";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final Path dir;

    private ExecutorNodes(Path dir) {
        this.dir = dir;
    }

    /** The nodes enrolled under {@code home/nodes}. */
    public static ExecutorNodes in(Path home) {
        return new ExecutorNodes(home.resolve("nodes"));
    }

    /**
     * An enrolled node.
     *
     * @param id its node id (a subject token)
     * @param secretFile the owner-only file with its NATS password, read when nats-server starts
     * @param credentialsFile the owner-only credentials to hand to the node (gone once deleted by hand)
     */
    public record Node(String id, Path secretFile, Path credentialsFile) {

        /** Its NATS user. */
        public String user() {
            return ExecutorNodes.user(id);
        }

        /** The environment variable nats-server reads its password from. */
        public String passwordVariable() {
            return NatsIdentities.variable(user());
        }

        /** Whether its credentials file is still on this host. */
        public boolean credentialsPresent() {
            return Files.exists(credentialsFile);
        }
    }

    /** The NATS user of node {@code id}. */
    public static String user(String id) {
        return Subjects.durableExecutor(id);
    }

    /**
     * Enrols node {@code id}: makes its password and writes its credentials file, with its NATS URL
     * pointing at {@code serverAddress} ({@code nats://host:port}, or {@code tls://...}, without
     * user info; {@code null} writes {@link #ADDRESS_PLACEHOLDER} to replace by hand).
     *
     * @throws IllegalArgumentException when the id is not a subject token, is {@code local}, or is
     *     taken (also by a node whose password variable would be the same, e.g. {@code desk-2} and
     *     {@code DESK_2})
     */
    public Node add(String id, String serverAddress) {
        if (!Subjects.isToken(id)) {
            throw new IllegalArgumentException("Not a valid node id: " + id + " (1 to 64 of A-Z a-z 0-9 _ -)");
        }
        String variable = NatsIdentities.variable(user(id));
        if (NatsIdentities.ALL.stream().map(NatsIdentities::variable).anyMatch(variable::equals)) {
            throw new IllegalArgumentException(
                    "Node " + id + " is the launcher's own executor node; choose another id");
        }
        for (Node node : all()) {
            if (node.passwordVariable().equals(variable)) {
                throw new IllegalArgumentException("Node " + node.id() + " is enrolled already"
                        + (node.id().equals(id)
                                ? ""
                                : " (its password variable " + variable + " would be the same as " + id + "'s)"));
            }
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        // nats-server parses an environment value as a config value: start with a letter so it is a string.
        String password = "pw" + HexFormat.of().formatHex(bytes);
        Node node = new Node(id, dir.resolve(id + SECRET), dir.resolve(id + CREDENTIALS));
        try {
            Files.createDirectories(dir);
            ConfigFiles.writeOwnerOnly(node.secretFile(), password + "\n");
            ConfigFiles.writeOwnerOnly(node.credentialsFile(), credentials(node, password, serverAddress));
            return node;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("Node " + id + " is enrolled already (" + e.getFile() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the identity of node " + id + " in " + dir, e);
        }
    }

    /**
     * Revokes node {@code id}: deletes its password and its credentials file. nats-server refuses
     * the node from its next start. Returns whether the node was enrolled.
     */
    public boolean revoke(String id) {
        if (!Subjects.isToken(id)) {
            return false;
        }
        try {
            boolean enrolled = Files.deleteIfExists(dir.resolve(id + SECRET));
            boolean handedOut = Files.deleteIfExists(dir.resolve(id + CREDENTIALS));
            return enrolled || handedOut;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot revoke node " + id + " in " + dir, e);
        }
    }

    /** Every enrolled node, by id. */
    public List<Node> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Node> nodes = new ArrayList<>();
            for (Path secret : files.filter(p -> p.getFileName().toString().endsWith(SECRET))
                    .sorted()
                    .toList()) {
                String file = secret.getFileName().toString();
                String id = file.substring(0, file.length() - SECRET.length());
                nodes.add(new Node(id, secret, dir.resolve(id + CREDENTIALS)));
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the nodes in " + dir, e);
        }
    }

    /** The enrolled node {@code id}, if it is. */
    public Optional<Node> find(String id) {
        return all().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The environment nats-server needs to read the enrolled nodes' passwords. */
    public Map<String, String> serverEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Node node : all()) {
            try {
                env.put(
                        node.passwordVariable(),
                        Files.readString(node.secretFile()).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the password of node " + node.id(), e);
            }
        }
        return env;
    }

    /** The {@code users} entries of every enrolled node, for nats-server's configuration. */
    public String usersConfig() {
        StringBuilder config = new StringBuilder();
        for (Node node : all()) {
            config.append(userEntry(node.id())).append('\n');
        }
        return config.toString();
    }

    /**
     * Node {@code id}'s entry in nats-server's {@code users} list: its user, the variable its
     * password is read from, and its permissions ({@link #publishAllowed}, {@link #subscribeAllowed}).
     */
    public static String userEntry(String id) {
        return "    {user: " + user(id) + ", password: $" + NatsIdentities.variable(user(id))
                + ", permissions: {publish: {allow: " + ConfigFiles.quoted(publishAllowed(id))
                + "}, subscribe: {allow: "
                + ConfigFiles.quoted(subscribeAllowed(id)) + "}}}   # node " + id;
    }

    /** What node {@code id} may publish: {@code EXECUTOR_LOCAL}'s publish allow list for its id. */
    public static List<String> publishAllowed(String id) {
        return forNode(allowList("publish"), id);
    }

    /** What node {@code id} may subscribe to: {@code EXECUTOR_LOCAL}'s subscribe allow list for its id. */
    public static List<String> subscribeAllowed(String id) {
        return forNode(allowList("subscribe"), id);
    }

    /**
     * Reads a credentials file ({@code NAME=value} lines; blank lines and {@code #} comments
     * skipped) into its variables.
     */
    public static Map<String, String> readCredentials(Path file) {
        try {
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.trim();
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
                    continue;
                }
                values.put(
                        trimmed.substring(0, equals).trim(),
                        trimmed.substring(equals + 1).trim());
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the credentials in " + file, e);
        }
    }

    /**
     * {@code natsUrl} with its address replaced by {@code serverAddress}'s, its user info kept (on
     * each server of a comma-separated list of them).
     */
    public static String withServer(String natsUrl, String serverAddress) {
        String userInfo = natsUrl.replaceFirst("^[a-z]+://([^@/,]*@)?.*$", "$1");
        return serverAddress.replaceAll("://([^@/,]*@)?", Matcher.quoteReplacement("://" + userInfo));
    }

    private static String credentials(Node node, String password, String serverAddress) {
        String address = serverAddress == null || serverAddress.isBlank()
                ? "nats://" + ADDRESS_PLACEHOLDER
                : serverAddress.trim().replaceAll("://[^@/,]*@", "://");
        StringBuilder text = new StringBuilder()
                .append("# Handrail executor node ")
                .append(node.id())
                .append(": its NATS identity. Secret: keep this file readable by the node's user only.\n")
                .append("# Revoke it on the Handrail host with: ./handrail nodes revoke ")
                .append(node.id())
                .append('\n');
        if (address.contains(ADDRESS_PLACEHOLDER)) {
            text.append("# Replace ")
                    .append(ADDRESS_PLACEHOLDER)
                    .append(" with the address of Handrail's NATS server as this node reaches it.\n");
        }
        return text.append("HANDRAIL_NODE_ID=")
                .append(node.id())
                .append("\nHANDRAIL_NATS_URL=")
                .append(address.replace("://", "://" + node.user() + ":" + password + "@"))
                .append('\n')
                .toString();
    }

    /**
     * {@code subjects} of node {@code local} for node {@code id}: every subject token {@code local}
     * becomes {@code id}, and every consumer or inbox name of the local executor
     * ({@code executor-local}, {@code executor-local-kill-switch}) becomes the node's.
     */
    static List<String> forNode(List<String> subjects, String id) {
        if (!Subjects.isToken(id)) {
            throw new IllegalArgumentException("Not a valid node id: " + id);
        }
        String localUser = user(LOCAL);
        List<String> result = new ArrayList<>();
        for (String subject : subjects) {
            List<String> tokens = new ArrayList<>();
            for (String token : subject.split("\\.", -1)) {
                if (token.equals(LOCAL)) {
                    tokens.add(id);
                } else if (token.equals(localUser) || token.startsWith(localUser + "-")) {
                    tokens.add(user(id) + token.substring(localUser.length()));
                } else {
                    tokens.add(token);
                }
            }
            result.add(String.join(".", tokens));
        }
        return result;
    }

    /**
     * The {@code publish} or {@code subscribe} allow list of {@code EXECUTOR_LOCAL} in
     * {@code nats/handrail.conf}, the one source of an executor's permissions. Fails if the block
     * holds anything this class would not carry over (a deny list, response permissions).
     */
    static List<String> allowList(String direction) {
        String block = executorBlock(configuration());
        String rest = block.replaceAll("(?s)(publish|subscribe)\\s*=\\s*\\{\\s*allow\\s*=\\s*\\[[^\\]]*\\]\\s*\\}", "");
        if (!rest.replaceAll("[\\s{}]", "").isEmpty()) {
            throw new IllegalStateException(TEMPLATE_BLOCK + " in nats/handrail.conf holds more than publish and"
                    + " subscribe allow lists, which enrolled nodes would not get: " + rest.trim());
        }
        Matcher list = Pattern.compile("(?s)" + direction + "\\s*=\\s*\\{\\s*allow\\s*=\\s*\\[([^\\]]*)\\]")
                .matcher(block);
        if (!list.find()) {
            throw new IllegalStateException(
                    TEMPLATE_BLOCK + " in nats/handrail.conf has no " + direction + " allow list");
        }
        List<String> subjects = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(list.group(1));
        while (quoted.find()) {
            subjects.add(quoted.group(1));
        }
        return subjects;
    }

    /** The text between the braces of {@code EXECUTOR_LOCAL = { ... }}. */
    static String executorBlock(String configuration) {
        Matcher start =
                Pattern.compile("(?m)^\\s*" + TEMPLATE_BLOCK + "\\s*=\\s*\\{").matcher(configuration);
        if (!start.find()) {
            throw new IllegalStateException("nats/handrail.conf has no " + TEMPLATE_BLOCK + " block");
        }
        int depth = 1;
        for (int i = start.end(); i < configuration.length(); i++) {
            char c = configuration.charAt(i);
            if (c == '"') {
                i = configuration.indexOf('"', i + 1);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return configuration.substring(start.end(), i);
            }
        }
        throw new IllegalStateException(TEMPLATE_BLOCK + " in nats/handrail.conf is not closed");
    }

    /** {@code nats/handrail.conf} from the class path. */
    static String configuration() {
        try (InputStream in = ExecutorNodes.class.getResourceAsStream("/nats/handrail.conf")) {
            if (in == null) {
                throw new IllegalStateException("nats/handrail.conf is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read nats/handrail.conf", e);
        }
    }
}
