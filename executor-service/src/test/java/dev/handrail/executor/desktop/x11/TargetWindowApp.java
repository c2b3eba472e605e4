package dev.handrail.executor.desktop.x11;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Point;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The window the X11 backend is tested against, run as its own JVM (its own X connection): a
 * text field that reports its text, a key listener that reports hotkeys, a panel that reports
 * clicks in screen coordinates, and stdin commands to set or read the clipboard and to paint the
 * panel a colour ({@code COLOUR rrggbb}, answered {@code COLOURED} once painted). Everything it
 * observes goes to stdout, one line per observation, for the test to read.
 *
 * <p>Arguments: title, x, y, and optionally {@code stubborn} for a window that ignores its close
 * button (as one asking whether to save would). Standard input closed is fine: the window stays.
 */
public final class TargetWindowApp {

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static JPanel area;

    private TargetWindowApp() {}

    public static void main(String[] args) throws Exception {
        String title = args[0];
        int x = Integer.parseInt(args[1]);
        int y = Integer.parseInt(args[2]);
        boolean stubborn = args.length > 3 && args[3].equals("stubborn");
        SwingUtilities.invokeAndWait(() -> show(title, x, y, stubborn));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            command(line);
        }
    }

    private static void show(String title, int x, int y, boolean stubborn) {
        JFrame frame = new JFrame(title);
        frame.setDefaultCloseOperation(stubborn ? WindowConstants.DO_NOTHING_ON_CLOSE : WindowConstants.EXIT_ON_CLOSE);
        JTextField field = new JTextField();
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                say("TEXT " + escape(field.getText()));
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                say("TEXT " + escape(field.getText()));
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                say("TEXT " + escape(field.getText()));
            }
        });
        field.addKeyListener(new KeyAdapter() {
            @Override
            public void keyPressed(KeyEvent e) {
                int code = e.getKeyCode();
                if (code != KeyEvent.VK_SHIFT
                        && code != KeyEvent.VK_CONTROL
                        && code != KeyEvent.VK_ALT
                        && code != KeyEvent.VK_META
                        && (e.getModifiersEx() & (KeyEvent.CTRL_DOWN_MASK | KeyEvent.ALT_DOWN_MASK)) != 0) {
                    say("HOTKEY " + KeyEvent.getModifiersExText(e.getModifiersEx()) + "+" + KeyEvent.getKeyText(code));
                }
            }
        });
        area = new JPanel();
        area.setBackground(Color.LIGHT_GRAY);
        area.setPreferredSize(new Dimension(400, 240));
        area.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                say("CLICK " + e.getXOnScreen() + " " + e.getYOnScreen() + " " + e.getButton() + " "
                        + e.getClickCount());
                field.requestFocusInWindow();
            }
        });
        frame.addWindowFocusListener(new WindowAdapter() {
            @Override
            public void windowGainedFocus(WindowEvent e) {
                field.requestFocusInWindow();
                say("FOCUS gained");
            }

            @Override
            public void windowLostFocus(WindowEvent e) {
                say("FOCUS lost");
            }
        });
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                say("CLOSING");
            }
        });
        frame.getContentPane().add(field, BorderLayout.NORTH);
        frame.getContentPane().add(area, BorderLayout.CENTER);
        frame.pack();
        frame.setLocation(x, y);
        frame.setVisible(true);
        SwingUtilities.invokeLater(() -> {
            Point at = area.getLocationOnScreen();
            say("AREA " + at.x + " " + at.y + " " + area.getWidth() + " " + area.getHeight());
            say("READY " + ProcessHandle.current().pid());
        });
    }

    private static void command(String line) throws Exception {
        if (line.startsWith("COPY ")) {
            String text = line.substring(5);
            SwingUtilities.invokeAndWait(() ->
                    Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(text), null));
            say("COPIED");
        } else if (line.startsWith("COLOUR ")) {
            Color colour = new Color(Integer.parseInt(line.substring(7).trim(), 16));
            SwingUtilities.invokeAndWait(() -> {
                area.setBackground(colour);
                area.paintImmediately(0, 0, area.getWidth(), area.getHeight());
                Toolkit.getDefaultToolkit().sync();
            });
            say("COLOURED " + line.substring(7).trim());
        } else if (line.equals("PASTE")) {
            Object text = Toolkit.getDefaultToolkit().getSystemClipboard().getData(DataFlavor.stringFlavor);
            say("CLIPBOARD " + escape(String.valueOf(text)));
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static synchronized void say(String line) {
        OUT.println(line);
    }
}
