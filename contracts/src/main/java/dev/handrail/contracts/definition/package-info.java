/** Requests to policy's registry of action definitions and what it answers to run one; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.definition;

import org.jspecify.annotations.NullMarked;
