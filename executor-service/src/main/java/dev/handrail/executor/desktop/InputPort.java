package dev.handrail.executor.desktop;

import java.util.List;

/** Synthetic keyboard and mouse input into whatever the desktop has in front. */
public interface InputPort extends DesktopPort {

    /** Types text into whatever has the focus. */
    void type(String text) throws InterruptedException;

    /** Presses the keys in order and releases them in reverse. */
    void press(List<Key> keys) throws InterruptedException;

    /** Moves the pointer to a point of the virtual screen and clicks there. */
    void click(int x, int y, MouseButton button, int clicks) throws InterruptedException;
}
