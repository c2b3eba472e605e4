package dev.handrail.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handrail.audit.chain.Checkpoint;
import dev.handrail.audit.chain.CheckpointSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void createsAKeyOnFirstUseAndReadsTheSameOneAfter() throws IOException {
        Path file = dir.resolve("audit/checkpoint-signing.key");

        KeyPair first = SigningKeyFile.loadOrCreate(file);
        KeyPair again = SigningKeyFile.loadOrCreate(file);

        assertThat(again.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String signature = CheckpointSignature.sign(again.getPrivate(), 7, "ab".repeat(32));
        assertThat(CheckpointSignature.verify(
                        first.getPublic(), new Checkpoint(7, "ab".repeat(32), null, signature, null)))
                .isTrue();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void signerNamesItsKeyByTheDigestOfThePublicKeyAndNeverShowsThePrivateOne() {
        CheckpointConfig config = new CheckpointConfig();
        config.setKeyFile(dir.resolve("k.key"));

        CheckpointSigner signer = new CheckpointSigner(config);

        assertThat(signer.publicKey().keyId()).hasSize(16).matches("[0-9a-f]+");
        assertThat(signer.toString())
                .doesNotContain("private")
                .contains(signer.publicKey().keyId());
    }

    @Test
    void keyFileWithoutAKeyPairIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.key"), "private=abc\n");

        assertThatThrownBy(() -> SigningKeyFile.loadOrCreate(file))
                .isInstanceOf(SigningKeyFile.CorruptKeyFileException.class);
    }
}
