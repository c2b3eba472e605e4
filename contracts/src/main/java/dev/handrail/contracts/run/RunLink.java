package dev.handrail.contracts.run;

/**
 * Where a planned action belongs: a step of a run, and the lease token of the worker that holds
 * the run. Policy refuses the plan when the lease is no longer that worker's or the step ended.
 */
public record RunLink(String runId, String stepId, String leaseToken) {}
