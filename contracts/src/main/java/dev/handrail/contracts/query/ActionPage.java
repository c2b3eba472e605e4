package dev.handrail.contracts.query;

import dev.handrail.contracts.action.ActionView;
import java.util.List;

/** A page of actions and how many matched in all. */
public record ActionPage(List<ActionView> actions, long total) {}
