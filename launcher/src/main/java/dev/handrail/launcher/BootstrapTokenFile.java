package dev.handrail.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The first admin token of a local run: {@code HANDRAIL_BOOTSTRAP_TOKEN} if set; otherwise the
 * one saved under {@code HANDRAIL_HOME} by an earlier run; otherwise a new one, saved there
 * (readable by its owner only) and shown once.
 */
final class BootstrapTokenFile {

    static final String FILE = "bootstrap-token";

    private BootstrapTokenFile() {
    }

    /** The token, and whether it was made just now (so the caller shows it). */
    record Token(String secret, boolean created) {
    }

    static Token resolve(Map<String, String> env, Settings settings) {
        String given = env.get(LocalSystem.BOOTSTRAP_TOKEN_ENV);
        if (given != null && !given.isBlank()) {
            return new Token(given.trim(), false);
        }
        Path file = settings.home().resolve(FILE);
        try {
            if (settings.persistent() && Files.isRegularFile(file)) {
                return new Token(Files.readString(file).trim(), false);
            }
            String secret = newSecret();
            if (settings.persistent()) {
                Files.createDirectories(settings.home());
                Files.writeString(file, secret + "\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return new Token(secret, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the bootstrap token in " + file, e);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "hr_" + HexFormat.of().formatHex(bytes);
    }
}
