package dev.handrail.health.probe;

/** One check of one piece of infrastructure the service depends on; it fails by throwing. */
public interface DependencyProbe {

    /** The dependency's name in the health summary, e.g. {@code postgres}. */
    String name();

    /** Checks the dependency once; throws with a message a person can act on when it is not usable. */
    void check() throws Exception;
}
