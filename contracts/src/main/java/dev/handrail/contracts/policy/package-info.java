/** Requests to policy's controls (approval holds, capability updates, kill switch) and its what-if query; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.policy;

import org.jspecify.annotations.NullMarked;
