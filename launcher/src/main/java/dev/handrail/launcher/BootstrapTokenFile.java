package dev.handrail.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The first admin token of a local run: {@code HANDRAIL_BOOTSTRAP_TOKEN} if set; otherwise the
 * one saved under {@code HANDRAIL_HOME} by an earlier run; otherwise a new one, saved there
 * (readable by its owner only from the moment it exists) and shown once.
 */
final class BootstrapTokenFile {

    static final String FILE = "bootstrap-token";

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private BootstrapTokenFile() {}

    /** The token, and whether it was made just now (so the caller shows it). */
    record Token(String secret, boolean created) {}

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
                writeSecret(file, secret + "\n");
            }
            return new Token(secret, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the bootstrap token in " + file, e);
        }
    }

    /**
     * Writes a secret file that nobody but its owner can ever read: a temporary file in the same
     * directory, created 0600, takes the text and is then moved into place in one step, so no
     * reader sees it half written or with wider permissions. A directory made on the way is 0700.
     */
    static void writeSecret(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, OWNER_ONLY_DIR);
        }
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", OWNER_ONLY);
        try {
            Files.writeString(temp, text);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "hr_" + HexFormat.of().formatHex(bytes);
    }
}
