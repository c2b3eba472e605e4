package dev.handrail.executor.screen;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes a picture as PNG with the JDK's own encoder (javax.imageio). Stateless. */
final class Png {

    private Png() {}

    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("This JVM has no PNG encoder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding a PNG in memory failed", e);
        }
        return out.toByteArray();
    }
}
