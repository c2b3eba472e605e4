package dev.handrail.executor;

import io.micronaut.runtime.Micronaut;

/** Starts the executor service. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
