package dev.handrail.policy.messaging;

import dev.handrail.bus.Bus;
import dev.handrail.contracts.Subjects;
import dev.handrail.contracts.definition.DefinitionRender;
import dev.handrail.contracts.definition.DefinitionVersionQuery;
import dev.handrail.contracts.definition.DefinitionWrite;
import dev.handrail.contracts.query.ByIdQuery;
import dev.handrail.contracts.query.ListQuery;
import dev.handrail.policy.definition.DefinitionService;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;

/**
 * Answers the action-definition queries (queue group {@code policy}, so one instance answers
 * each): list, read, create, update, delete and render for a run. Started with the application.
 */
@Context
public class DefinitionsResponder {

    private final Bus bus;
    private final DefinitionService definitions;

    public DefinitionsResponder(Bus bus, DefinitionService definitions) {
        this.bus = bus;
        this.definitions = definitions;
    }

    @PostConstruct
    void start() {
        String queue = Subjects.QUEUE_POLICY;
        bus.respond(Subjects.QUERY_DEFINITIONS, queue, ListQuery.class, definitions::list);
        bus.respond(Subjects.QUERY_DEFINITION, queue, ByIdQuery.class, definitions::get);
        bus.respond(Subjects.QUERY_DEFINITION_CREATE, queue, DefinitionWrite.class, definitions::create);
        bus.respond(Subjects.QUERY_DEFINITION_UPDATE, queue, DefinitionWrite.class, definitions::update);
        bus.respond(Subjects.QUERY_DEFINITION_VERSIONS, queue, DefinitionVersionQuery.class, definitions::versions);
        bus.respond(Subjects.QUERY_DEFINITION_DELETE, queue, ByIdQuery.class, definitions::delete);
        bus.respond(Subjects.QUERY_DEFINITION_RENDER, queue, DefinitionRender.class, definitions::render);
    }
}
