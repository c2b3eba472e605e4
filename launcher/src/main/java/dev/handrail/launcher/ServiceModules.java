package dev.handrail.launcher;

import java.util.List;

/** The five services: the module and the main class of each, in start order. */
final class ServiceModules {

    private static final List<String[]> MODULES = List.of(
            new String[] {"policy-service", "dev.handrail.policy.Application"},
            new String[] {"audit-service", "dev.handrail.audit.Application"},
            new String[] {"health-service", "dev.handrail.health.Application"},
            new String[] {"executor-service", "dev.handrail.executor.Application"},
            new String[] {"gateway-service", "dev.handrail.gateway.Application"});

    private ServiceModules() {}

    /** The service modules, in start order. */
    static List<String> names() {
        return MODULES.stream().map(m -> m[0]).toList();
    }

    /** The main class of service {@code module}, e.g. {@code executor-service}. */
    static String mainClass(String module) {
        return MODULES.stream()
                .filter(m -> m[0].equals(module))
                .map(m -> m[1])
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + module));
    }
}
