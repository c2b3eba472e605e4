package dev.handrail.policy.validation;

import java.util.Optional;

/**
 * A node's virtual screen: the rectangle that holds all its monitors, whose origin may be
 * negative when a monitor sits left of or above the primary one. A node reports it in its
 * heartbeat's {@code node.screen}, or (older senders, hand-set nodes) in its label
 * {@value #LABEL} as {@code "x,y,width,height"}.
 */
public record ScreenBounds(int x, int y, int width, int height) {

    /** The heartbeat label a node reports its virtual screen in. */
    public static final String LABEL = "virtual_screen";

    /** Whether the point lies on the screen. */
    public boolean contains(long px, long py) {
        return px >= x && px < (long) x + width && py >= y && py < (long) y + height;
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
            ScreenBounds bounds = new ScreenBounds(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
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
