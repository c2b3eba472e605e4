/** What crosses the wire between services: subject names and credentials settings; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts;

import org.jspecify.annotations.NullMarked;
