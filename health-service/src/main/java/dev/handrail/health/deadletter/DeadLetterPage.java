package dev.handrail.health.deadletter;

import java.util.List;

/** A page of dead letters, newest first, and how many matched in all. */
public record DeadLetterPage(List<DeadLetter> deadLetters, long total) {}
