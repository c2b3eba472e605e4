/** Per-program argument rules shared by policy and the executor; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.program;

import org.jspecify.annotations.NullMarked;
