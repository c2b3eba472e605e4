package dev.handrail.executor.desktop;

import dev.handrail.contracts.message.ScreenBounds;

/** The desktop's screen: the virtual screen that holds every monitor, and its pixels. */
public interface ScreenPort extends DesktopPort {

    /** The virtual screen that holds every monitor. */
    ScreenBounds screen() throws InterruptedException;

    /** Reads the pixels of part of the screen. */
    Capture capture(CaptureArea area) throws InterruptedException;
}
