package dev.handrail.contracts.action;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One validation check and its result; {@code message} says what failed, or what was checked.
 * On the wire it also carries the Stage 5 names of the same two facts, {@code check} (the name)
 * and {@code pass} (passed), so Stage 5 clients read it unchanged; they are written, never read.
 */
@JsonIgnoreProperties(
        value = {"check", "pass"},
        allowGetters = true)
public record Check(String name, boolean passed, String message) {

    public static Check pass(String name, String message) {
        return new Check(name, true, message);
    }

    public static Check fail(String name, String message) {
        return new Check(name, false, message);
    }

    /** The check's name under its Stage 5 field name. */
    @JsonProperty("check")
    public String check() {
        return name;
    }

    /** Whether it passed, under its Stage 5 field name. */
    @JsonProperty("pass")
    public boolean pass() {
        return passed;
    }
}
