package dev.handrail.contracts.query;

import java.util.List;

/**
 * A page of stored events in seq order. {@code nextFromSeq} is where the next page starts: every
 * event below it that matches the query is in this page or an earlier one. {@code headSeq} is the
 * newest seq stored when the page was read.
 */
public record EventPage(List<StoredEvent> events, long nextFromSeq, long headSeq) {}
