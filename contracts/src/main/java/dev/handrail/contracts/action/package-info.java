/** An action's state machine and the parts of its public view (validation, decision, execution, errors); nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.action;

import org.jspecify.annotations.NullMarked;
