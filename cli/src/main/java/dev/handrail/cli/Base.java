package dev.handrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.client.HandrailClient;
import dev.handrail.client.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** What every operator command shares: the root's settings, the client, and printing for people or scripts. */
abstract class Base implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    HandrailCli cli() {
        return (HandrailCli) spec.root().userObject();
    }

    HandrailClient client() {
        return cli().client();
    }

    boolean json() {
        return cli().json;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints {@code value} as indented JSON. */
    void printJson(Object value) {
        out().println(Json.pretty(value));
        out().flush();
    }

    void println(String line) {
        out().println(line);
        out().flush();
    }

    static String text(JsonNode node, String field) {
        return Json.text(node, field);
    }
}
