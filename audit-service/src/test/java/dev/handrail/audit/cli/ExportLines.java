package dev.handrail.audit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handrail.audit.chain.CheckpointRecords;
import dev.handrail.audit.query.EventQueries;
import dev.handrail.contracts.json.Json;
import dev.handrail.contracts.query.EventPage;
import dev.handrail.contracts.query.EventQuery;
import dev.handrail.contracts.query.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The export the gateway writes, made from a store directly: a header, keys, checkpoints, events page by page, an end line. */
public final class ExportLines {

    private ExportLines() {}

    public static List<String> of(DataSource service, long fromSeq) {
        CheckpointRecords records = new CheckpointRecords(service);
        List<String> lines = new ArrayList<>();
        lines.add("{\"kind\":\"export\",\"format\":\"handrail.audit.export.v1\",\"from_seq\":" + fromSeq + "}");
        records.keys().forEach(k -> lines.add(line("key", k)));
        records.checkpoints(fromSeq).forEach(c -> lines.add(line("checkpoint", c)));
        long next = fromSeq;
        long count = 0;
        EventPage page;
        do {
            page = new EventQueries(service).page(EventQuery.from(next, 4));
            for (StoredEvent e : page.events()) {
                lines.add(line("event", e));
                count++;
            }
            next = page.nextFromSeq();
        } while (next <= page.headSeq());
        lines.add("{\"kind\":\"end\",\"from_seq\":" + fromSeq + ",\"events\":" + count + ",\"head_seq\":"
                + page.headSeq() + "}");
        return lines;
    }

    private static String line(String kind, Object value) {
        ObjectNode node = Json.mapper().createObjectNode().put("kind", kind);
        node.setAll((ObjectNode) Json.mapper().valueToTree(value));
        return node.toString();
    }
}
