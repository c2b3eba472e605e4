package dev.handrail.contracts.capability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One thing an agent may ask a node to do, declared once in {@link CapabilityCatalogue}: its risk,
 * whether it needs a human by default, its typed parameters, its output fields, its tags, the
 * checks policy makes beyond the parameters' types, and the timeout bounds a plan must stay
 * inside. Validation, redaction, the executor's parsing, the docs and the schemas agents read all
 * derive from it. Immutable.
 *
 * @param exclusive  groups of optional parameters of which a plan may give at most one each
 * @param idempotent running it twice has the same effect as once, so a redelivered command may run
 *                   it again (a non-idempotent one is not run twice)
 */
public record Capability(
        String intent,
        String description,
        RiskLevel riskLevel,
        boolean requiresApproval,
        Set<Tag> tags,
        List<Param> params,
        List<OutputField> output,
        List<Guard> guards,
        List<List<String>> exclusive,
        long minTimeoutMs,
        long defaultTimeoutMs,
        long maxTimeoutMs,
        boolean idempotent) {

    public Capability {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(description, "description");
        tags = Collections.unmodifiableSet(
                new LinkedHashSet<>(tags.stream().sorted().toList()));
        params = List.copyOf(params);
        output = List.copyOf(output);
        guards = List.copyOf(guards);
        exclusive = exclusive.stream().map(List::copyOf).toList();
        if (params.stream().map(Param::name).distinct().count() != params.size()) {
            throw new IllegalArgumentException("Parameters of " + intent + " must have distinct names");
        }
        if (minTimeoutMs > defaultTimeoutMs || defaultTimeoutMs > maxTimeoutMs) {
            throw new IllegalArgumentException("Timeouts of " + intent + " must be min <= default <= max");
        }
    }

    /** The parameters a plan must give, in declaration order. */
    public List<String> requiredParams() {
        return params.stream().filter(Param::required).map(Param::name).toList();
    }

    /** The parameters a plan may leave out, in declaration order. */
    public List<String> optionalParams() {
        return params.stream().filter(p -> !p.required()).map(Param::name).toList();
    }

    /** Every parameter name the capability accepts. */
    public Set<String> knownParams() {
        Set<String> names = new LinkedHashSet<>();
        params.forEach(p -> names.add(p.name()));
        return names;
    }

    /** The parameters whose values are sensitive inputs. */
    public Set<String> sensitiveParams() {
        Set<String> names = new LinkedHashSet<>();
        params.stream().filter(Param::sensitive).forEach(p -> names.add(p.name()));
        return names;
    }

    /** The output fields that are sensitive. */
    public Set<String> sensitiveOutputs() {
        Set<String> names = new LinkedHashSet<>();
        output.stream().filter(OutputField::sensitive).forEach(f -> names.add(f.name()));
        return names;
    }

    /** Whether it needs an interactive desktop session on the node. */
    public boolean desktop() {
        return tags.contains(Tag.DESKTOP);
    }

    /** Whether it carries {@code tag}. */
    public boolean is(Tag tag) {
        return tags.contains(tag);
    }

    /** The parameter called {@code name}, if the capability has one. */
    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The first required parameter {@code params} lacks (absent, null, or blank text where that is not allowed), if any. */
    public Optional<String> missingParam(Map<String, Object> values) {
        return params.stream()
                .filter(Param::required)
                .filter(p -> values.get(p.name()) == null
                        || values.get(p.name()) instanceof String s
                                && s.isBlank()
                                && !(p.type() instanceof ParamType.Text text && text.blankAllowed()))
                .map(Param::name)
                .findFirst();
    }

    /**
     * Why {@code values} do not fit the parameters, if they do not: the first (in declaration
     * order) with the wrong type or out of its bounds, else two of a group where at most one may
     * be given, else the first name the capability does not take. Absent and null values are left to {@link #missingParam}.
     */
    public Optional<String> paramProblem(Map<String, Object> values) {
        for (Param param : params) {
            Object value = values.get(param.name());
            if (value != null && !(param.sensitive() && SensitiveParams.isDigest(value))) {
                Optional<String> problem = param.type().problem(param.name(), value);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        for (List<String> group : exclusive) {
            List<String> given =
                    group.stream().filter(name -> values.get(name) != null).toList();
            if (given.size() > 1) {
                return Optional.of(
                        "Give at most one of " + String.join(", ", group) + ", not " + String.join(" and ", given));
            }
        }
        List<String> unknown = new ArrayList<>(values.keySet());
        unknown.removeAll(knownParams());
        if (!unknown.isEmpty()) {
            return Optional.of("Parameter " + unknown.getFirst() + " is not one " + intent + " takes; "
                    + (params.isEmpty() ? "it takes none" : "it takes " + String.join(", ", knownParams())));
        }
        return Optional.empty();
    }
}
