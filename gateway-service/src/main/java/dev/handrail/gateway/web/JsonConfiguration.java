package dev.handrail.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handrail.contracts.json.Json;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/** Gives the HTTP layer the wire JSON settings (snake_case, ISO instants, nulls kept). */
@Singleton
public class JsonConfiguration implements BeanCreatedEventListener<ObjectMapper> {

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return Json.configure(event.getBean());
    }
}
