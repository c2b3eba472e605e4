package dev.handrail.gateway.web;

import io.micronaut.http.HttpRequest;

/**
 * Who is calling. Until API tokens exist every caller is the local operator, {@code anonymous};
 * the principal is still carried on every command and event so the trail names it.
 */
public final class Principals {

    public static final String ANONYMOUS = "anonymous";

    private Principals() {
    }

    public static String of(HttpRequest<?> request) {
        return ANONYMOUS;
    }
}
