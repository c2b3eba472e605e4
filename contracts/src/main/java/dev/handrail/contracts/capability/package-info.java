/** The capability catalogue: each capability declared once with its parameters, risk and sensitivity; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.capability;

import org.jspecify.annotations.NullMarked;
