/** Key names for hotkeys, shared by policy's guard and the executor; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.key;

import org.jspecify.annotations.NullMarked;
