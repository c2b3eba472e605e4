/** JetStream plumbing every service shares: streams, de-duplicated publishing, durable consumers, request-reply and heartbeats; nothing here is null unless marked {@code @Nullable}. */
@NullMarked
package dev.handrail.bus;

import org.jspecify.annotations.NullMarked;
