package dev.handrail.contracts.message;

/**
 * An action event a node reports about its own work ({@code executing}, {@code succeeded},
 * {@code failed}); it names the node, which must be the node of the subject it came on
 * ({@link ResultOrigin}).
 */
public interface NodeResult extends ActionEvent {

    /** The node that ran (or was to run) the action. */
    String node();
}
