package dev.handrail.audit.checkpoint;

import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.chain.CheckpointSignature;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;

/**
 * The Ed25519 key pair that signs checkpoints, kept in one file (a properties file with the PKCS#8
 * private key and the X.509 public key, base64; readable by its owner only). Generated on first
 * use; when two instances share the file and start together, the first one to link its file into
 * place wins and the other reads it. Stateless.
 */
public final class SigningKeyFile {

    private static final String PRIVATE = "private";
    private static final String PUBLIC = "public";

    private SigningKeyFile() {}

    /** The key pair in {@code file}, created there first if the file does not exist. */
    public static KeyPair loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read or create the checkpoint signing key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        KeyPair pair = generate();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".checkpoint-key", ".tmp");
        try {
            restrict(temp);
            Properties properties = new Properties();
            properties.setProperty(
                    PRIVATE,
                    Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            properties.setProperty(
                    PUBLIC, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(
                        out,
                        "Handrail audit checkpoint signing key (Ed25519). Keep it secret; its public half is in audit.signing_keys.");
            }
            publish(temp, file);
        } catch (FileAlreadyExistsException raced) {
            // another instance created the key first; it is read below
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Puts the finished file in place unless one is there already (a hard link never replaces). */
    private static void publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (UnsupportedOperationException noLinks) {
            Files.move(temp, file);
        }
    }

    private static KeyPair load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String privateText = properties.getProperty(PRIVATE);
        String publicText = properties.getProperty(PUBLIC);
        if (privateText == null || publicText == null) {
            throw new CorruptKeyFileException(file + " holds no Ed25519 key pair (keys 'private' and 'public')");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance(CheckpointSignature.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateText)));
            PublicKey publicKey = CheckpointSignature.publicKey(publicText);
            KeyPair pair = new KeyPair(publicKey, privateKey);
            requireMatching(pair, file);
            return pair;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CorruptKeyFileException(file + " does not hold a readable Ed25519 key pair: " + e.getMessage());
        }
    }

    private static void requireMatching(KeyPair pair, Path file) {
        String probe = CheckpointSignature.sign(pair.getPrivate(), 0, "0".repeat(64));
        if (!CheckpointSignature.verify(pair.getPublic(), new Checkpoint(0, "0".repeat(64), null, probe, null))) {
            throw new CorruptKeyFileException(file + " holds a public key that is not the private key's");
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(CheckpointSignature.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CheckpointSignature.SignatureFailedException("This JVM cannot generate Ed25519 keys", e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
    }

    /** The key file exists but does not hold a usable key pair; the service will not sign with a key it cannot trust. */
    public static final class CorruptKeyFileException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CorruptKeyFileException(String message) {
            super(message);
        }
    }
}
