/** The admin requests that manage webhooks; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.webhook;

import org.jspecify.annotations.NullMarked;
