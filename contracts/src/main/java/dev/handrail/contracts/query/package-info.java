/** Queries answered over NATS request-reply and their pages of results; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.query;

import org.jspecify.annotations.NullMarked;
