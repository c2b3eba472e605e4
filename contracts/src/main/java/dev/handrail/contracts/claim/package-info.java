/** Signed principal claims: how the gateway signs who asked and how policy verifies it; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.claim;

import org.jspecify.annotations.NullMarked;
