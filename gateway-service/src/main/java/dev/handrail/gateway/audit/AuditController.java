package dev.handrail.gateway.audit;

import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.query.SeqQuery;
import dev.handrail.gateway.action.ActionBus;
import dev.handrail.gateway.web.ApiException;
import dev.handrail.gateway.web.Passthrough;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * {@code /v1/audit}: what an auditor needs of the audit store: verify the hash chain and its signed
 * checkpoints ({@code verify}), the public keys that sign them ({@code public-key}), the checkpoints
 * themselves, and an export of everything for the command-line verifier ({@code export}, JSON lines).
 */
@Controller("/v1/audit")
public class AuditController {

    /** Media type of the export: one JSON document per line. */
    public static final String NDJSON = "application/x-ndjson";

    private final ActionBus bus;
    private final AuditExport export;

    public AuditController(ActionBus bus, AuditExport export) {
        this.bus = bus;
        this.export = export;
    }

    @Get("/verify{?from_seq}")
    public CompletableFuture<HttpResponse<?>> verify(@Nullable @QueryValue("from_seq") Long fromSeq) {
        return ask(Subjects.QUERY_AUDIT_VERIFY, new SeqQuery(seq(fromSeq)));
    }

    @Get("/public-key")
    public CompletableFuture<HttpResponse<?>> publicKey() {
        return ask(Subjects.QUERY_AUDIT_KEYS, new SeqQuery(0));
    }

    @Get("/checkpoints{?from_seq}")
    public CompletableFuture<HttpResponse<?>> checkpoints(@Nullable @QueryValue("from_seq") Long fromSeq) {
        return ask(Subjects.QUERY_AUDIT_CHECKPOINTS, new SeqQuery(seq(fromSeq)));
    }

    @Get(value = "/export{?from_seq}", produces = NDJSON)
    public HttpResponse<Publisher<byte[]>> export(@Nullable @QueryValue("from_seq") Long fromSeq) {
        long from = seq(fromSeq);
        return HttpResponse.<Publisher<byte[]>>ok(export.lines(from))
                .header("Content-Disposition", "attachment; filename=\"handrail-audit-from-" + from + ".jsonl\"");
    }

    private CompletableFuture<HttpResponse<?>> ask(String subject, Object query) {
        return bus.ask(subject, query).thenApply(Passthrough::respond);
    }

    private static long seq(Long fromSeq) {
        if (fromSeq == null) {
            return 1;
        }
        if (fromSeq < 1) {
            throw ApiException.validation("from_seq must be 1 or more");
        }
        return fromSeq;
    }
}
