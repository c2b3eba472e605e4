package dev.handrail.devkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The NATS identities of {@code nats/handrail.conf} with a fresh random password each, for one
 * local run. The passwords reach nats-server through its environment and each service through
 * the user info of its NATS URL; they are never written to a file or a log.
 */
public final class NatsIdentities {

    /** Every identity the configuration defines. */
    public static final List<String> ALL = List.of("admin", "gateway", "policy", "executor-local", "audit", "health");

    private static final String RESPONDER = "-responder";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords = new LinkedHashMap<>();

    private NatsIdentities() {}

    /** New random passwords for every identity. */
    public static NatsIdentities generate() {
        NatsIdentities identities = new NatsIdentities();
        for (String id : ALL) {
            byte[] bytes = new byte[18];
            RANDOM.nextBytes(bytes);
            // nats-server parses an environment value as a config value: start with a letter so it is a string.
            identities.passwords.put(id, "pw" + HexFormat.of().formatHex(bytes));
        }
        return identities;
    }

    /** The environment nats-server needs to read the configuration's passwords. */
    public Map<String, String> serverEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        passwords.forEach((id, pw) -> env.put(variable(id), pw));
        return env;
    }

    /**
     * {@code nats://identity:password@host:port} for a server URL without user info (for each
     * server of a comma-separated list of them). A
     * {@code <service>-responder} identity has its service's password.
     */
    public String url(String identity, String serverUrl) {
        String password = passwords.get(
                identity.endsWith(RESPONDER)
                        ? identity.substring(0, identity.length() - RESPONDER.length())
                        : identity);
        if (password == null) {
            throw new IllegalArgumentException("No NATS identity " + identity + "; known: " + ALL);
        }
        return serverUrl.replace("://", "://" + identity + ":" + password + "@");
    }

    static String variable(String identity) {
        return "HANDRAIL_NATS_PASSWORD_" + identity.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
