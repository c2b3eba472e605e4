/** Events and commands as records, and the CloudEvents envelope they travel in; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.message;

import org.jspecify.annotations.NullMarked;
