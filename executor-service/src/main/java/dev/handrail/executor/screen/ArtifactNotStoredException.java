package dev.handrail.executor.screen;

/** The artifact store did not keep an artifact (NATS or its object store did not answer, or refused it). */
public class ArtifactNotStoredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ArtifactNotStoredException(String message, Throwable cause) {
        super(message, cause);
    }
}
