package dev.handrail.health;

import io.micronaut.runtime.Micronaut;

/** Starts the health service. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
