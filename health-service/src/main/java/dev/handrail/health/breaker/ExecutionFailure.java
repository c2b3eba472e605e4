package dev.handrail.health.breaker;

/** An action's execution failure as a breaker records it (resilience4j counts throwables). */
public final class ExecutionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExecutionFailure(String errorCode) {
        super(errorCode, null, false, false);
    }
}
