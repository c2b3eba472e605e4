package dev.handrail.contracts.artifact;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where the files an action makes (a screenshot) are kept: the JetStream object store bucket
 * {@value #BUCKET}, one object per action and name under the key {@code <action_id>/<name>}. An
 * artifact never travels in an event or a result, which carry only its name, size and digest; the
 * executor writes it, the gateway reads it for those who may see the action (ADR 0019). The
 * bucket forgets objects after its maximum age. Stateless.
 */
public final class Artifacts {

    /** The object store bucket. */
    public static final String BUCKET = "handrail_artifacts";
    /** The JetStream stream that holds the bucket (NATS names it {@code OBJ_<bucket>}). */
    public static final String STREAM = "OBJ_" + BUCKET;
    /** The object header that keeps an artifact's media type. */
    public static final String MEDIA_TYPE_HEADER = "Content-Type";
    /** How long an artifact is kept unless {@value #MAX_AGE_PROPERTY} says otherwise. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
    /** The setting (environment: {@code HANDRAIL_ARTIFACTS_MAX_AGE}) of how long artifacts are kept, e.g. {@code 24h}. */
    public static final String MAX_AGE_PROPERTY = "handrail.artifacts.max-age";
    /** The name of the picture {@code screen.capture} makes. */
    public static final String SCREEN_PNG = "screen.png";
    /** The media type of a PNG picture. */
    public static final String MEDIA_TYPE_PNG = "image/png";

    /** Letters, digits, dot, dash and underscore, starting with a letter or digit: no path, no subject wildcards. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Artifacts() {}

    /** The object key of an action's artifact, e.g. {@code 01J.../screen.png}. */
    public static String key(String actionId, String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("Not an artifact name: " + name);
        }
        return actionId + "/" + name;
    }

    /** Whether {@code name} may name an artifact. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
