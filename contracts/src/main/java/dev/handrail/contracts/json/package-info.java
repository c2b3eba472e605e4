/** The wire's JSON settings and the rule for what JSON may be stored; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.json;

import org.jspecify.annotations.NullMarked;
