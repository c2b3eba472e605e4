package dev.handrail.executor.desktop;

import java.awt.image.BufferedImage;

/**
 * A picture of part of the desktop: its pixels, the virtual-screen point its top-left pixel
 * shows, and how many image pixels one screen pixel became ({@code scale}: 1.0 on X11; on Windows
 * the monitor's DPI over the DPI the executor's coordinates are in).
 */
public record Capture(BufferedImage image, int x, int y, double scale) {}
