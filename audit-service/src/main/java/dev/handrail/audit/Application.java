package dev.handrail.audit;

import io.micronaut.runtime.Micronaut;

/** Starts the audit service. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
