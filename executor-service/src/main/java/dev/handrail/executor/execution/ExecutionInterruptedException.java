package dev.handrail.executor.execution;

/** The executor is stopping and abandoned a command midway; the command will be delivered again. */
public class ExecutionInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExecutionInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
