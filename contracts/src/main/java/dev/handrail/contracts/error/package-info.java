/** The one error catalogue: every error code with its HTTP status, retry advice and blame; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.error;

import org.jspecify.annotations.NullMarked;
