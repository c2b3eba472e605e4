package dev.handrail.contracts.claim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys of principal claims (the JDK's own implementation) and their text form: a private
 * key as base64 PKCS#8, a public key as base64 X.509, one key per file or setting.
 */
public final class ClaimKeys {

    /** The signature algorithm of principal claims. */
    public static final String ALGORITHM = "Ed25519";

    private ClaimKeys() {}

    /** A new key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make " + ALGORITHM + " keys", e);
        }
    }

    /** The text form of a private key. */
    public static String encode(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The text form of a public key. */
    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Parses a private key's text form; throws {@link IllegalArgumentException} naming what is wrong. */
    public static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Not an " + ALGORITHM + " private key (base64 PKCS#8): " + e.getMessage(), e);
        }
    }

    /** Parses a public key's text form; throws {@link IllegalArgumentException} naming what is wrong. */
    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(text)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Not an " + ALGORITHM + " public key (base64 X.509): " + e.getMessage(), e);
        }
    }

    /** Reads a key file's text (surrounding whitespace dropped). */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Empty key");
        }
        return Base64.getDecoder().decode(text.strip());
    }
}
