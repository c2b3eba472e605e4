/**
 * How the services write their logs: text with the date and time or JSON lines
 * ({@code HANDRAIL_LOG_FORMAT}), and the action a line is about in its MDC.
 */
@NullMarked
package dev.handrail.bus.logging;

import org.jspecify.annotations.NullMarked;
