/** Where the files actions make (screen captures) are kept and how they are named; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.contracts.artifact;

import org.jspecify.annotations.NullMarked;
