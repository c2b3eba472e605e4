package dev.handrail.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 signature of a checkpoint, with the JDK's own provider. The signed bytes are the
 * UTF-8 of {@code "handrail.audit.checkpoint.v1\n" + seq + "\n" + hash} (seq in decimal, hash as
 * 64 lower-case hex characters): small enough to recompute by hand, and tagged so the key signs
 * nothing that could be mistaken for a checkpoint. Stateless.
 */
public final class CheckpointSignature {

    /** The JCA name of the signature and key algorithm. */
    public static final String ALGORITHM = "Ed25519";

    private static final String TAG = "handrail.audit.checkpoint.v1";

    private CheckpointSignature() {}

    /** The bytes a checkpoint's signature is over. */
    public static byte[] message(long seq, String hash) {
        return (TAG + "\n" + seq + "\n" + hash).getBytes(StandardCharsets.UTF_8);
    }

    /** The base64 signature of {@code key} over (seq, hash). */
    public static String sign(PrivateKey key, long seq, String hash) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message(seq, hash));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new SignatureFailedException("Cannot sign checkpoint " + seq + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code checkpoint}'s signature is {@code key}'s over its (seq, hash). */
    public static boolean verify(PublicKey key, Checkpoint checkpoint) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(message(checkpoint.seq(), checkpoint.hash()));
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A public key from its base64 X.509 encoding; fails with {@link SignatureFailedException} when it is none. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SignatureFailedException("Not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** A key's id: the first 16 hex characters of SHA-256 over its X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new SignatureFailedException("This JVM has no SHA-256", e);
        }
    }

    /** Signing or reading a key failed in the JVM's cryptography (not a forged signature, which is just false). */
    public static final class SignatureFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public SignatureFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
