package dev.handrail.executor.sandbox;

/** A configured workspace root cannot be created, found or resolved; the node cannot start without it. */
public class WorkspaceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkspaceUnavailableException(String message) {
        super(message);
    }

    public WorkspaceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
