package dev.handrail.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * An Ed25519 key pair for signing principal claims (ADR 0013), kept as two files: the private key
 * (base64 PKCS#8) readable by its owner only, written to a temporary file made 0600 before any
 * byte goes in and then moved into place atomically, so no reader ever sees a partial or
 * world-readable key; and the public key (base64 X.509). An existing pair is kept.
 *
 * @param privateKeyFile what only the signing service is given
 * @param publicKey      what the verifying service is given
 */
public record ClaimKeyFiles(Path privateKeyFile, String publicKey) {

    private static final String ALGORITHM = "Ed25519";

    /** The pair named {@code <name>-claim-key} (private) and {@code <name>-claim-key.pub} in {@code dir}, made if missing. */
    public static ClaimKeyFiles ensure(Path dir, String name) {
        Path secret = dir.resolve(name + "-claim-key");
        Path open = dir.resolve(name + "-claim-key.pub");
        try {
            if (Files.isRegularFile(secret) && Files.isRegularFile(open)) {
                return new ClaimKeyFiles(
                        secret,
                        Files.readString(open, StandardCharsets.US_ASCII).strip());
            }
            Files.createDirectories(dir);
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            String publicKey =
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            writeAtomically(
                    secret, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            writeAtomically(open, publicKey);
            return new ClaimKeyFiles(secret, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot keep the " + name + " claim key in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make " + ALGORITHM + " keys", e);
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path temp = Files.createTempFile(
                target.getParent(),
                "." + target.getFileName(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
