/** Requests to policy's runs (durable units of work, their steps, tool calls, artifacts and leases); nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.run;

import org.jspecify.annotations.NullMarked;
