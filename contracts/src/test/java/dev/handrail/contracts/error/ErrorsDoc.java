package dev.handrail.contracts.error;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/** Renders docs/errors.md from the catalogue. */
final class ErrorsDoc {

    private ErrorsDoc() {}

    static String render() {
        String rows = Arrays.stream(ErrorCode.values())
                .sorted(Comparator.comparing(ErrorCode::blame).thenComparing(ErrorCode::code))
                .map(c -> "| `" + c.code() + "` | " + c.httpStatus() + " | " + (c.retriable() ? "yes" : "no") + " | "
                        + c.blame().wire() + " | " + c.meaning() + " |")
                .collect(Collectors.joining("\n"));
        return """
                # Error codes

                Every error a Handrail service answers or reports carries one of these codes: in an API
                error body (`error.code`), in a query reply, and in a failed action's `execution.error_code`
                (then the HTTP answer is the action's own, and the status below is what the code would be
                answered with on its own). The table is generated from `ErrorCode` in `contracts` (a test
                fails when they differ; ADR 0017).

                - **retry**: whether sending the same request again later can succeed.
                - **blame**: `request` — the caller's mistake, or a command refused or failing on its own
                  terms; `node` — the executor or its desktop failed, timed out or is gone;
                  `infrastructure` — NATS, PostgreSQL or another service did not answer. Circuit breakers
                  count only `node` and `infrastructure` failures; a code no service emits (an older
                  executor's) counts as `node`.

                | code | HTTP | retry | blame | meaning |
                |---|---|---|---|---|
                %s
                """.formatted(rows);
    }
}
