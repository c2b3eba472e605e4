package dev.handrail.bus.management;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration.NettyListenerConfiguration;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Gives a service two listeners: the public one ({@code micronaut.server.host}/{@code port}: the API
 * and the bare liveness answer of {@link LivenessController}) and the management one, on
 * {@code endpoints.all.port} and bound to {@code handrail.management.host} (127.0.0.1 unless an
 * operator says otherwise), where Micronaut serves health details, metrics and Prometheus
 * ({@code endpoints.all.port} keeps those endpoints off every other port). Micronaut would bind the
 * management port to the public port's host; this is what keeps it on loopback.
 */
@Singleton
@Requires(property = ManagementListener.PORT)
public class ManagementListener implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    static final String PORT = "endpoints.all.port";
    static final String HOST = "handrail.management.host";

    private final int port;
    private final String host;

    public ManagementListener(
            @Property(name = PORT) int port, @Property(name = HOST, defaultValue = "127.0.0.1") String host) {
        this.port = port;
        this.host = host;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (server.getListeners() != null) {
            return server; // an operator configured the listeners explicitly
        }
        NettyListenerConfiguration api = NettyListenerConfiguration.createTcp(
                server.getHost().orElse(null), server.getPort().orElse(-1), false, null, null);
        api.setExposeDefaultRoutes(true);
        NettyListenerConfiguration management = NettyListenerConfiguration.createTcp(host, port, false, null, null);
        management.setExposeDefaultRoutes(false);
        management.setSupportGracefulShutdown(false);
        server.setListeners(List.of(api, management));
        return server;
    }
}
