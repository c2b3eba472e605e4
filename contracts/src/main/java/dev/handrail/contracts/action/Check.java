package dev.handrail.contracts.action;

/** One validation check and its result; {@code message} says what failed, or what was checked. */
public record Check(String name, boolean passed, String message) {

    public static Check pass(String name, String message) {
        return new Check(name, true, message);
    }

    public static Check fail(String name, String message) {
        return new Check(name, false, message);
    }
}
