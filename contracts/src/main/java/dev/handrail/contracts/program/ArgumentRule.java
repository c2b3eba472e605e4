package dev.handrail.contracts.program;

/**
 * One kind of argument that makes a program do more than read and print.
 *
 * @param risk    what the argument makes the program do
 * @param what    the argument and its effect, for a person ({@code "-o FILE writes the output to a file"})
 * @param matcher how to find it
 */
public record ArgumentRule(ArgumentRisk risk, String what, ArgumentMatcher matcher) {}
