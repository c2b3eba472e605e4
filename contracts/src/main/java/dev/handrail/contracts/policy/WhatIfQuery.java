package dev.handrail.contracts.policy;

/**
 * Request to evaluate a candidate policy file against the last {@code limit} recorded actions
 * and report which decisions would change. Nothing is stored or published.
 *
 * @param policy the candidate policy file, as YAML text
 */
public record WhatIfQuery(String policy, int limit) {}
