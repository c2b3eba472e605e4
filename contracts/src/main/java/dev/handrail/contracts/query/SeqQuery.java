package dev.handrail.contracts.query;

/** Request for something of the audit store from a sequence number on (1 or less: from the start). */
public record SeqQuery(long fromSeq) {}
