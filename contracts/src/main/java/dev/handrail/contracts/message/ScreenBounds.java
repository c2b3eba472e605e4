package dev.handrail.contracts.message;

/**
 * The virtual screen of a node's desktop: the rectangle that holds every monitor, in desktop
 * pixels. On Windows its origin may be negative (a monitor left of or above the primary one); on
 * X11 it is the root window and starts at 0,0. A point inside it may still fall in a gap between
 * monitors of different sizes.
 */
public record ScreenBounds(int x, int y, int width, int height) {

    /** The longest side, in desktop pixels, of a region {@code screen.capture} may be asked for. */
    public static final int MAX_REGION_SIDE = 16_384;

    /** Whether the point lies inside the rectangle. */
    public boolean contains(long px, long py) {
        return px >= x && py >= y && px < (long) x + width && py < (long) y + height;
    }
}
