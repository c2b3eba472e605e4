package dev.handrail.policy.run;

/** Withdraws an action that waits for approval, as its planner would (implemented with the approval desk). */
@FunctionalInterface
public interface PendingWithdrawal {

    void withdraw(String actionId, String why);
}
