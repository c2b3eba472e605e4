package dev.handrail.executor.desktop.x11;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class a running X server with a window manager: one Xvfb and openbox for the whole
 * test run, stopped when it ends. Skips the class, saying why, only when Xvfb is not installed
 * (CI installs it; see {@code .ci/run}); anything else that goes wrong fails. Inject it as an
 * {@link XServer} parameter.
 */
public final class XvfbExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(XvfbExtension.class);
    private static volatile XServer current;

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(
                XServer.xvfb().isPresent(),
                "Xvfb is not installed (apt-get install xvfb openbox): the X11 desktop tests are skipped");
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == XServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /**
     * The server started for this run, for code that runs after this extension's
     * {@code beforeAll} but cannot take a parameter (a Micronaut test's property provider).
     */
    public static XServer current() {
        if (current == null) {
            throw new IllegalStateException(
                    "No X server yet: register XvfbExtension before the extension that needs it");
        }
        return current;
    }

    private static XServer server(ExtensionContext context) {
        XServer server = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(XServer.class, type -> XServer.start(true), XServer.class);
        current = server;
        return server;
    }
}
