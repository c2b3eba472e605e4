package dev.handrail.contracts.message;

import java.util.Optional;

/**
 * The virtual screen of a node's desktop: the rectangle that holds every monitor, in desktop
 * pixels. On Windows its origin may be negative (a monitor left of or above the primary one); on
 * X11 it is the root window and starts at 0,0. A point inside it may still fall in a gap between
 * monitors of different sizes. A node reports it in its heartbeat's {@code node.screen}, or (older
 * senders, hand-set nodes) in its label {@value #LABEL} as {@code "x,y,width,height"}.
 */
public record ScreenBounds(int x, int y, int width, int height) {

    /** The heartbeat label a node may report its virtual screen in. */
    public static final String LABEL = "virtual_screen";

    /** The longest side, in desktop pixels, of a region {@code screen.capture} may be asked for. */
    public static final int MAX_REGION_SIDE = 16_384;

    /** Whether the point lies inside the rectangle. */
    public boolean contains(long px, long py) {
        return px >= x && py >= y && px < (long) x + width && py < (long) y + height;
    }

    /** The same origin, no larger than {@code maxWidth} × {@code maxHeight}. */
    public ScreenBounds capped(int maxWidth, int maxHeight) {
        return new ScreenBounds(x, y, Math.min(width, maxWidth), Math.min(height, maxHeight));
    }

    /** Parses a label value; empty when it is missing or not four integers with a positive size. */
    public static Optional<ScreenBounds> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] parts = label.split(",");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            ScreenBounds bounds = new ScreenBounds(
                    Integer.parseInt(parts[0].trim()),
                    Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()),
                    Integer.parseInt(parts[3].trim()));
            return bounds.width() > 0 && bounds.height() > 0 ? Optional.of(bounds) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return x + "," + y + " " + width + "x" + height;
    }
}
