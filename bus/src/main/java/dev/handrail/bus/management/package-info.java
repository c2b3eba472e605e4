/** The management port every service shares: the bare public liveness answer and health details with credentials masked; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.bus.management;

import org.jspecify.annotations.NullMarked;
