package dev.handrail.gateway;

import io.micronaut.runtime.Micronaut;

/** Starts the gateway service. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
