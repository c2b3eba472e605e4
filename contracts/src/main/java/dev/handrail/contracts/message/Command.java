package dev.handrail.contracts.message;

/** Marker for the command family: a request that one service do something, held in JetStream until done. */
public interface Command extends Message {
}
