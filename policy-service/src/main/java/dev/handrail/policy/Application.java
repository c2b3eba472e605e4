package dev.handrail.policy;

import io.micronaut.runtime.Micronaut;

/** Starts the policy service. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
