package dev.handrail.executor.desktop.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinDef.HBITMAP;
import com.sun.jna.platform.win32.WinDef.HDC;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.RECT;
import com.sun.jna.platform.win32.WinGDI;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.platform.win32.WinUser.HMONITOR;
import com.sun.jna.ptr.IntByReference;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.executor.desktop.Capture;
import dev.handrail.executor.desktop.CaptureArea;
import dev.handrail.executor.desktop.DesktopException;
import dev.handrail.executor.desktop.DesktopWindow;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Screen captures on Windows through GDI: {@code BitBlt} from the screen's device context (with
 * {@code CAPTUREBLT}, so layered windows are in it) for the screen, a monitor or a region, and
 * {@code PrintWindow} with {@code PW_RENDERFULLCONTENT} for a window, which draws it whole even
 * when other windows cover it; the bitmap is read with {@code GetDIBits} as top-down 32-bit BGR.
 * The copy runs per-monitor DPI aware, so it has the monitor's real pixels; the coordinates it
 * is given and reports are in the calling thread's own DPI context (those {@code SendInput} and
 * {@code GetWindowRect} use), and the scale says how many real pixels one of those became: 1 for
 * a DPI-aware executor (Java is), the monitor's DPI over 96 (or over the system DPI) otherwise.
 * Scaling a rectangle by that factor is exact on the monitor at the origin; a DPI-unaware
 * executor on a secondary monitor of another DPI may be off by the monitors' offset. Desktop
 * thread only.
 */
final class GdiScreenCapture {

    static final int CAPTUREBLT = 0x40000000;
    static final int PW_RENDERFULLCONTENT = 2;
    private static final int SRCCOPY = 0x00CC0020;
    private static final int DIB_RGB_COLORS = 0;
    private static final int MONITORINFOF_PRIMARY = 1;
    private static final int MONITOR_DEFAULTTONEAREST = 2;
    private static final int DEFAULT_DPI = 96;

    private final WindowsApi api;

    GdiScreenCapture(WindowsApi api) {
        this.api = api;
    }

    Capture capture(CaptureArea area, ScreenBounds screen) {
        ScreenBounds rectangle = area.rectangle(screen, monitors());
        double scale = scale(rectangle);
        ScreenBounds pixels = new ScreenBounds(
                (int) Math.round(rectangle.x() * scale),
                (int) Math.round(rectangle.y() * scale),
                Math.max(1, (int) Math.round(rectangle.width() * scale)),
                Math.max(1, (int) Math.round(rectangle.height() * scale)));
        HANDLE previous = perMonitorAware();
        try {
            BufferedImage image = area instanceof CaptureArea.OfWindow w
                    ? copy(pixels, WindowsDesktop.hwnd(w.window().id()), w.window())
                    : copy(pixels, null, null);
            return new Capture(image, rectangle.x(), rectangle.y(), scale);
        } finally {
            restore(previous);
        }
    }

    /** The monitors in the thread's coordinates, primary first, then left to right and top to bottom. */
    List<ScreenBounds> monitors() {
        record Found(ScreenBounds bounds, boolean primary) {}
        List<Found> found = new ArrayList<>();
        api.user32()
                .EnumDisplayMonitors(
                        null,
                        null,
                        (monitor, dc, rect, data) -> {
                            WinUser.MONITORINFO info = new WinUser.MONITORINFO();
                            if (api.user32().GetMonitorInfo(monitor, info).booleanValue()) {
                                RECT r = info.rcMonitor;
                                found.add(new Found(
                                        new ScreenBounds(r.left, r.top, r.right - r.left, r.bottom - r.top),
                                        (info.dwFlags & MONITORINFOF_PRIMARY) != 0));
                            }
                            return 1;
                        },
                        new LPARAM(0));
        return found.stream()
                .sorted(Comparator.comparing((Found f) -> !f.primary())
                        .thenComparingInt(f -> f.bounds().x())
                        .thenComparingInt(f -> f.bounds().y()))
                .map(Found::bounds)
                .toList();
    }

    /** Real pixels per coordinate unit of this thread on the monitor that holds most of the rectangle. */
    private double scale(ScreenBounds rectangle) {
        int awareness;
        try {
            awareness = api.user32Dpi()
                    .GetAwarenessFromDpiAwarenessContext(api.user32Dpi().GetThreadDpiAwarenessContext());
        } catch (UnsatisfiedLinkError olderThanWindows10) {
            return 1.0;
        }
        if (awareness != User32Dpi.DPI_UNAWARE && awareness != User32Dpi.DPI_SYSTEM_AWARE) {
            return 1.0;
        }
        RECT rect = new RECT();
        rect.left = rectangle.x();
        rect.top = rectangle.y();
        rect.right = rectangle.x() + rectangle.width();
        rect.bottom = rectangle.y() + rectangle.height();
        HMONITOR monitor = api.user32().MonitorFromRect(rect, MONITOR_DEFAULTTONEAREST);
        IntByReference dpiX = new IntByReference(DEFAULT_DPI);
        if (monitor == null
                || api.shcore().GetDpiForMonitor(monitor, Shcore.MDT_EFFECTIVE_DPI, dpiX, new IntByReference()) != 0) {
            return 1.0;
        }
        int base = awareness == User32Dpi.DPI_UNAWARE
                ? DEFAULT_DPI
                : api.user32Dpi().GetDpiForSystem();
        return (double) dpiX.getValue() / base;
    }

    private HANDLE perMonitorAware() {
        try {
            return api.user32Dpi()
                    .SetThreadDpiAwarenessContext(new HANDLE(new Pointer(User32Dpi.PER_MONITOR_AWARE_V2)));
        } catch (UnsatisfiedLinkError olderThanWindows10) {
            return null;
        }
    }

    private void restore(HANDLE previous) {
        if (previous != null) {
            api.user32Dpi().SetThreadDpiAwarenessContext(previous);
        }
    }

    /** Copies the screen rectangle ({@code window} null) or draws the window into a bitmap, and reads it back. */
    private BufferedImage copy(ScreenBounds pixels, HWND window, DesktopWindow what) {
        HDC screen = api.user32().GetDC(null);
        if (screen == null) {
            throw failure("GetDC", what);
        }
        HDC memory = api.gdi32().CreateCompatibleDC(screen);
        HBITMAP bitmap = api.gdi32().CreateCompatibleBitmap(screen, pixels.width(), pixels.height());
        try {
            if (memory == null || bitmap == null) {
                throw failure("CreateCompatibleBitmap", what);
            }
            HANDLE previous = api.gdi32().SelectObject(memory, bitmap);
            boolean drawn = window == null
                    ? api.gdi32()
                            .BitBlt(
                                    memory,
                                    0,
                                    0,
                                    pixels.width(),
                                    pixels.height(),
                                    screen,
                                    pixels.x(),
                                    pixels.y(),
                                    SRCCOPY | CAPTUREBLT)
                    : api.user32().PrintWindow(window, memory, PW_RENDERFULLCONTENT);
            api.gdi32().SelectObject(memory, previous);
            if (!drawn) {
                if (window != null && !api.user32().IsWindow(window)) {
                    throw new DesktopException(
                            ErrorCode.WINDOW_NOT_FOUND, "The window closed before it could be captured");
                }
                throw failure(window == null ? "BitBlt" : "PrintWindow", what);
            }
            return read(memory, bitmap, pixels.width(), pixels.height(), what);
        } finally {
            if (bitmap != null) {
                api.gdi32().DeleteObject(bitmap);
            }
            if (memory != null) {
                api.gdi32().DeleteDC(memory);
            }
            api.user32().ReleaseDC(null, screen);
        }
    }

    private BufferedImage read(HDC memory, HBITMAP bitmap, int width, int height, DesktopWindow what) {
        WinGDI.BITMAPINFO info = new WinGDI.BITMAPINFO();
        info.bmiHeader.biWidth = width;
        info.bmiHeader.biHeight = -height;
        info.bmiHeader.biPlanes = 1;
        info.bmiHeader.biBitCount = 32;
        info.bmiHeader.biCompression = WinGDI.BI_RGB;
        Memory bits = new Memory((long) width * height * 4);
        if (api.gdi32().GetDIBits(memory, bitmap, 0, height, bits, info, DIB_RGB_COLORS) != height) {
            throw failure("GetDIBits", what);
        }
        int[] bgrx = bits.getIntArray(0, width * height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < bgrx.length; i++) {
            bgrx[i] &= 0xFFFFFF;
        }
        image.setRGB(0, 0, width, height, bgrx, 0, width);
        return image;
    }

    private static DesktopException failure(String call, DesktopWindow what) {
        return new DesktopException(
                ErrorCode.DESKTOP_ERROR,
                "Capturing " + (what == null ? "the screen" : "the window") + " failed: " + call
                        + " did not succeed (error " + Native.getLastError() + ")");
    }
}
