/**
 * Traces across the services: the W3C trace context in NATS headers and the envelope's
 * {@code traceparent} extension, the span each consumed message is handled in, and the OTLP
 * exporter that is on only when {@code HANDRAIL_OTLP_ENDPOINT} is set
 * (docs/adr/0031-traces-over-nats-headers.md).
 */
@NullMarked
package dev.handrail.bus.tracing;

import org.jspecify.annotations.NullMarked;
