package dev.handrail.policy.rules;

import dev.handrail.contracts.action.Decision.Effect;
import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.policy.blocked.HotkeyGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a policy file (YAML) and checks every part of it before anything uses it: known keys
 * only, a version, positive budgets, rule ids that are unique and well formed, effects that
 * exist, intents that name capabilities, parameters those capabilities take, and regular
 * expressions that compile. The first problem is reported, naming the rule. Pure and thread-safe.
 */
public final class PolicyFileParser {

    static final Set<String> TOP_KEYS = Set.of("version", "description", "budgets", "blocked_hotkeys", "rules");
    static final Set<String> BUDGET_KEYS = Set.of("per_session", "per_principal_per_minute");
    static final Set<String> RULE_KEYS = Set.of("id", "description", "match", "effect");
    static final Set<String> MATCH_KEYS = Set.of("intent", "principal", "session", "node", "params");
    private static final String ID_SHAPE = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";
    private static final int MAX_VERSION_LENGTH = 64;
    private static final int MAX_FILE_LENGTH = 1_000_000;

    private PolicyFileParser() {}

    /** Parses and validates {@code yaml}; throws {@link PolicyFileException} naming the first problem. */
    public static PolicyDocument parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new PolicyFileException("The policy file is empty; it needs at least a version");
        }
        if (yaml.length() > MAX_FILE_LENGTH) {
            throw new PolicyFileException("The policy file is longer than " + MAX_FILE_LENGTH + " characters");
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new PolicyFileException(
                    "The policy file is not valid YAML: " + e.getMessage().replace('\n', ' '), e);
        }
        Map<String, Object> top = mapping(root, "the policy file", TOP_KEYS);
        String version = text(top.get("version"), "version");
        if (version == null || version.isBlank() || version.length() > MAX_VERSION_LENGTH) {
            throw new PolicyFileException(
                    "version is required: a non-empty text of at most " + MAX_VERSION_LENGTH + " characters");
        }
        return new PolicyDocument(
                version.trim(),
                budgets(top.get("budgets")),
                hotkeys(top.get("blocked_hotkeys")),
                rules(top.get("rules")),
                sha256(yaml));
    }

    private static PolicyDocument.Budgets budgets(Object value) {
        if (value == null) {
            return PolicyDocument.Budgets.NONE;
        }
        Map<String, Object> budgets = mapping(value, "budgets", BUDGET_KEYS);
        return new PolicyDocument.Budgets(
                positive(budgets.get("per_session"), "budgets.per_session"),
                positive(budgets.get("per_principal_per_minute"), "budgets.per_principal_per_minute"));
    }

    private static List<String> hotkeys(Object value) {
        List<String> keys = new ArrayList<>();
        for (Object key : list(value, "blocked_hotkeys")) {
            if (!(key instanceof String s) || HotkeyGuard.normalise(s).isEmpty()) {
                throw new PolicyFileException("blocked_hotkeys: '" + key + "' is not a hotkey like alt+f4");
            }
            List<String> unknown = HotkeyGuard.unknownKeys(s);
            if (!unknown.isEmpty()) {
                throw new PolicyFileException("blocked_hotkeys: '" + s + "' names keys the executor does not know: "
                        + String.join(", ", unknown));
            }
            keys.add(s);
        }
        return keys;
    }

    private static List<PolicyRule> rules(Object value) {
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Object> items = list(value, "rules");
        for (int i = 0; i < items.size(); i++) {
            String where = "rules[" + i + "]";
            Object id = items.get(i) instanceof Map<?, ?> m ? m.get("id") : null;
            if (id instanceof String s && s.matches(ID_SHAPE)) {
                where = "rule '" + s + "' (" + where + ")";
            }
            PolicyRule rule = rule(items.get(i), where);
            if (!ids.add(rule.id())) {
                throw new PolicyFileException(
                        where + ": id '" + rule.id() + "' is used by an earlier rule; ids must be unique");
            }
            rules.add(rule);
        }
        return rules;
    }

    private static PolicyRule rule(Object value, String where) {
        Map<String, Object> rule = mapping(value, where, RULE_KEYS);
        Object id = rule.get("id");
        if (!(id instanceof String s) || !s.matches(ID_SHAPE)) {
            throw new PolicyFileException(where + ": id is required: 1-64 letters, digits, '_', '.', ':' or '-', "
                    + "starting with a letter or digit");
        }
        Effect effect = effect(rule.get("effect"), where);
        String description = text(rule.get("description"), where + ".description");
        Map<String, Object> match =
                rule.get("match") == null ? Map.of() : mapping(rule.get("match"), where + ".match", MATCH_KEYS);
        ValueMatcher intent = matcher(match.get("intent"), where + ".match.intent");
        List<Capability> capabilities = capabilities(intent, where);
        Map<String, ValueMatcher> params = new LinkedHashMap<>();
        if (match.get("params") != null) {
            for (Map.Entry<String, Object> param :
                    mapping(match.get("params"), where + ".match.params", null).entrySet()) {
                String name = param.getKey();
                if (capabilities.stream().noneMatch(c -> c.knownParams().contains(name))) {
                    throw new PolicyFileException(
                            where + ".match.params: no capability the rule matches takes a parameter '" + name + "'");
                }
                params.put(name, matcher(param.getValue(), where + ".match.params." + name));
            }
        }
        return new PolicyRule(
                s,
                description,
                intent,
                matcher(match.get("principal"), where + ".match.principal"),
                matcher(match.get("session"), where + ".match.session"),
                matcher(match.get("node"), where + ".match.node"),
                params,
                effect);
    }

    private static Effect effect(Object value, String where) {
        if (value instanceof String s) {
            for (Effect effect : Effect.values()) {
                if (effect.wire().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return effect;
                }
            }
        }
        throw new PolicyFileException(
                where + ": effect " + (value == null ? "is required" : "'" + value + "' is unknown")
                        + "; use allow, deny or require_approval");
    }

    private static List<Capability> capabilities(ValueMatcher intent, String where) {
        if (intent == null) {
            return CapabilityCatalogue.all();
        }
        List<Capability> matched = CapabilityCatalogue.all().stream()
                .filter(c -> intent.matches(c.intent()))
                .toList();
        if (matched.isEmpty()) {
            throw new PolicyFileException(where + ".match.intent: " + intent.sources() + " matches no capability");
        }
        return matched;
    }

    private static ValueMatcher matcher(Object value, String where) {
        if (value == null) {
            return null;
        }
        List<Object> sources = value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
        if (sources.isEmpty()) {
            throw new PolicyFileException(where + ": an empty list matches nothing; leave the condition out instead");
        }
        List<ValuePattern> patterns = new ArrayList<>();
        for (Object source : sources) {
            if (source == null || source instanceof Map || source instanceof List) {
                throw new PolicyFileException(where + ": '" + source + "' is not a text, glob or re: pattern");
            }
            try {
                patterns.add(ValuePattern.of(String.valueOf(source)));
            } catch (PatternSyntaxException e) {
                throw new PolicyFileException(
                        where + ": invalid regular expression '" + source + "': " + e.getDescription(), e);
            }
        }
        return new ValueMatcher(patterns);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object value, String where, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new PolicyFileException(where + " must be a mapping of keys to values");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String k) || allowed != null && !allowed.contains(k)) {
                throw new PolicyFileException(where + ": unknown key '" + key + "'"
                        + (allowed == null
                                ? ""
                                : " (allowed: "
                                        + String.join(
                                                ", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
        return (Map<String, Object>) map;
    }

    private static List<Object> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new PolicyFileException(where + " must be a list");
        }
        return new ArrayList<>(l);
    }

    private static String text(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new PolicyFileException(where + " must be a text");
        }
        return String.valueOf(value);
    }

    private static Integer positive(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer i) || i < 1) {
            throw new PolicyFileException(where + " must be a whole number of at least 1 (leave it out for no limit)");
        }
        return i;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
