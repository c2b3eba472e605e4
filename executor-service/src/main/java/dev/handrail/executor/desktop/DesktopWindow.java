package dev.handrail.executor.desktop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A top-level window as a backend sees it: an id only that backend understands (an X window id
 * or an HWND, as hex), its title, its process and executable when known, and its rectangle in
 * desktop pixels.
 */
public record DesktopWindow(String id, String title, Long pid, String executable, int x, int y, int width, int height) {

    /** The window as capability output and evidence show it. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("title", title);
        map.put("pid", pid);
        map.put("executable", executable);
        map.put("x", x);
        map.put("y", y);
        map.put("width", width);
        map.put("height", height);
        return map;
    }

    /** Whether the point lies inside the window's rectangle. */
    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < x + width && py < y + height;
    }
}
