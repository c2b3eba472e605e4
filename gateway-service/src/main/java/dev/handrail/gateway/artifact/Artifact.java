package dev.handrail.gateway.artifact;

/** A file an action made, as the gateway hands it out: its media type and its bytes. */
public record Artifact(String mediaType, byte[] bytes) {}
