package dev.handrail.executor.desktop.x11;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.platform.unix.X11.Display;
import com.sun.jna.platform.unix.X11.Window;
import com.sun.jna.ptr.IntByReference;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.desktop.Capture;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.DesktopException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screen captures on X11: {@code XGetImage} of a rectangle of the root window as a
 * {@code ZPixmap}, decoded into RGB through the colour masks the server gives the image (its
 * visual's), so any TrueColor depth reads right. A window is read as the rectangle it covers on
 * the screen, which is what a person sees there. Monitors come from RandR ({@code XRRGetMonitors},
 * primary first); without RandR the root window is the one monitor. X11 pixels are screen
 * pixels, so the scale is 1. X thread only.
 */
final class X11ScreenCapture {

    private static final Logger LOG = LoggerFactory.getLogger(X11ScreenCapture.class);
    private static final int Z_PIXMAP = 2;
    private static final NativeLong ALL_PLANES = new NativeLong(-1L);
    private static final int MSB_FIRST = 1;

    /** Offsets in an LP64 {@code XImage}. */
    private static final int WIDTH = 0;

    private static final int HEIGHT = 4;
    private static final int DATA = 16;
    private static final int BYTE_ORDER = 24;
    private static final int BYTES_PER_LINE = 44;
    private static final int BITS_PER_PIXEL = 48;
    private static final int RED_MASK = 56;
    private static final int GREEN_MASK = 64;
    private static final int BLUE_MASK = 72;

    /** Offsets and size of an LP64 {@code XRRMonitorInfo}. */
    private static final int MONITOR_PRIMARY = 8;

    private static final int MONITOR_X = 20;
    private static final int MONITOR_SIZE = 56;

    /** The Xlib image calls; jna-platform's {@code XImage} is opaque, so the image is read by offset. */
    interface XImages extends Library {
        Pointer XGetImage(
                Display display,
                Window drawable,
                int x,
                int y,
                int width,
                int height,
                NativeLong planeMask,
                int format);

        int XDestroyImage(Pointer image);
    }

    /** RandR 1.5: the monitors of a screen. */
    interface Xrandr extends Library {
        Pointer XRRGetMonitors(Display display, Window window, int getActive, IntByReference count);

        void XRRFreeMonitors(Pointer monitors);
    }

    private final X11Connection c;
    private final XImages images;
    private final Xrandr xrandr;

    X11ScreenCapture(X11Connection c) {
        this.c = c;
        this.images = Native.load("X11", XImages.class);
        this.xrandr = loadXrandr();
    }

    private static Xrandr loadXrandr() {
        try {
            return Native.load("Xrandr", Xrandr.class);
        } catch (LinkageError e) {
            LOG.info("libXrandr cannot be loaded ({}); the whole X screen counts as one monitor", e.getMessage());
            return null;
        }
    }

    Capture capture(CaptureArea area, ScreenBounds screen) {
        ScreenBounds rectangle = area.rectangle(screen, monitors(screen));
        return new Capture(read(rectangle), rectangle.x(), rectangle.y(), 1.0);
    }

    /** The monitors, primary first, then left to right and top to bottom; the screen itself when RandR says nothing. */
    List<ScreenBounds> monitors(ScreenBounds screen) {
        if (xrandr == null) {
            return List.of(screen);
        }
        IntByReference count = new IntByReference();
        Pointer list;
        try {
            list = xrandr.XRRGetMonitors(c.display, c.root, 1, count);
        } catch (UnsatisfiedLinkError e) {
            return List.of(screen);
        }
        if (list == null || count.getValue() <= 0) {
            return List.of(screen);
        }
        try {
            record Found(ScreenBounds bounds, boolean primary) {}
            List<Found> found = new ArrayList<>();
            for (int i = 0; i < count.getValue(); i++) {
                long at = (long) i * MONITOR_SIZE;
                found.add(new Found(
                        new ScreenBounds(
                                list.getInt(at + MONITOR_X),
                                list.getInt(at + MONITOR_X + 4),
                                list.getInt(at + MONITOR_X + 8),
                                list.getInt(at + MONITOR_X + 12)),
                        list.getInt(at + MONITOR_PRIMARY) != 0));
            }
            return found.stream()
                    .sorted(Comparator.comparing((Found f) -> !f.primary())
                            .thenComparingInt(f -> f.bounds().x())
                            .thenComparingInt(f -> f.bounds().y()))
                    .map(Found::bounds)
                    .toList();
        } finally {
            xrandr.XRRFreeMonitors(list);
        }
    }

    private BufferedImage read(ScreenBounds r) {
        ErrorTrap.clear();
        Pointer image = images.XGetImage(c.display, c.root, r.x(), r.y(), r.width(), r.height(), ALL_PLANES, Z_PIXMAP);
        var error = ErrorTrap.take();
        if (image == null || error.isPresent()) {
            throw new DesktopException(
                    ErrorCode.DESKTOP_ERROR,
                    "Reading the screen (" + r.x() + ", " + r.y() + ", " + r.width() + "x" + r.height() + ") failed"
                            + error.map(e -> ": " + e).orElse(""));
        }
        try {
            int width = image.getInt(WIDTH);
            int height = image.getInt(HEIGHT);
            int bytesPerLine = image.getInt(BYTES_PER_LINE);
            byte[] data = image.getPointer(DATA).getByteArray(0, bytesPerLine * height);
            return decode(
                    data,
                    width,
                    height,
                    bytesPerLine,
                    image.getInt(BITS_PER_PIXEL),
                    image.getInt(BYTE_ORDER) == MSB_FIRST,
                    image.getLong(RED_MASK),
                    image.getLong(GREEN_MASK),
                    image.getLong(BLUE_MASK));
        } finally {
            images.XDestroyImage(image);
        }
    }

    /** Turns ZPixmap rows of 16, 24 or 32 bits per pixel into RGB through the image's colour masks. */
    static BufferedImage decode(
            byte[] data,
            int width,
            int height,
            int bytesPerLine,
            int bitsPerPixel,
            boolean msbFirst,
            long redMask,
            long greenMask,
            long blueMask) {
        if (bitsPerPixel != 16 && bitsPerPixel != 24 && bitsPerPixel != 32) {
            throw new DesktopException(
                    ErrorCode.DESKTOP_ERROR,
                    "The X server gave " + bitsPerPixel
                            + " bits per pixel; screen capture reads TrueColor screens of 16, 24 or 32 bits");
        }
        Channel red = new Channel(redMask);
        Channel green = new Channel(greenMask);
        Channel blue = new Channel(blueMask);
        int bytesPerPixel = bitsPerPixel / 8;
        int[] rgb = new int[width * height];
        for (int row = 0; row < height; row++) {
            int line = row * bytesPerLine;
            for (int column = 0; column < width; column++) {
                int at = line + column * bytesPerPixel;
                long pixel = 0;
                for (int b = 0; b < bytesPerPixel; b++) {
                    int shift = msbFirst ? (bytesPerPixel - 1 - b) * 8 : b * 8;
                    pixel |= (long) (data[at + b] & 0xff) << shift;
                }
                rgb[row * width + column] = red.of(pixel) << 16 | green.of(pixel) << 8 | blue.of(pixel);
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    /** One colour channel of a pixel value: where its mask sits and how wide it is, scaled to 8 bits. */
    private record Channel(long mask, int shift, int bits) {

        Channel(long mask) {
            this(mask, Long.numberOfTrailingZeros(mask), Long.bitCount(mask));
        }

        int of(long pixel) {
            if (bits == 0) {
                return 0;
            }
            long value = (pixel & mask) >>> shift;
            return bits >= 8 ? (int) (value >>> (bits - 8)) : (int) (value * 255 / ((1L << bits) - 1));
        }
    }
}
