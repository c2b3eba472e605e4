package dev.handrail.policy.validation;

import static dev.handrail.policy.validation.PlanValidator.CAPABILITY_EXISTS;
import static dev.handrail.policy.validation.PlanValidator.CAPABILITY_IMPLEMENTED;
import static dev.handrail.policy.validation.PlanValidator.MAX_RETRIES;
import static dev.handrail.policy.validation.PlanValidator.PARAM_TYPES;
import static dev.handrail.policy.validation.PlanValidator.REQUIRED_PARAMS;
import static dev.handrail.policy.validation.PlanValidator.RISK_CLASSIFICATION;
import static dev.handrail.policy.validation.PlanValidator.SCREEN_BOUNDS;
import static dev.handrail.policy.validation.PlanValidator.TEXT_LENGTH;
import static dev.handrail.policy.validation.PlanValidator.TIMEOUT_BOUNDS;
import static dev.handrail.policy.validation.PlanValidator.URL_SCHEME;
import static dev.handrail.policy.validation.PlanValidator.WORKING_DIRECTORY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.action.Check;
import dev.handrail.contracts.action.Validation;
import dev.handrail.contracts.message.PlanCommand;
import dev.handrail.contracts.message.ScreenBounds;
import dev.handrail.policy.PolicyConfig;
import dev.handrail.policy.action.PlanSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlanValidatorTest {

    private static final Map<String, Set<String>> LOCAL_OFFERS_ALL =
            Map.of("local", Set.of("file.read", "file.write", "shell.run"));

    private static final Map<String, Set<String>> DESKTOP = Map.of(
            "local",
            Set.of(
                    "keyboard.type",
                    "keyboard.hotkey",
                    "mouse.click",
                    "clipboard.write",
                    "browser.open",
                    "app.launch",
                    "app.close",
                    "screen.capture"));

    private final PlanValidator validator = new PlanValidator(new PolicyConfig());

    /** One row of the table: a plan, the nodes, and what one named check must say. */
    record Row(
            String behaviour,
            String intent,
            Map<String, Object> params,
            long timeoutMs,
            int retries,
            Map<String, Set<String>> nodes,
            String check,
            boolean passes,
            String message) {

        @Override
        public String toString() {
            return behaviour;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row(
                        "a catalogued intent exists",
                        "file.read",
                        path("/tmp/a"),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        CAPABILITY_EXISTS,
                        true,
                        "Capability file.read is known"),
                new Row(
                        "an unknown intent is named",
                        "x",
                        Map.of(),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        CAPABILITY_EXISTS,
                        false,
                        "Unknown intent: x"),
                new Row(
                        "an online node offering the intent implements it",
                        "file.read",
                        path("/tmp/a"),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        CAPABILITY_IMPLEMENTED,
                        true,
                        "Node local offers file.read"),
                new Row(
                        "a node not offering the intent does not implement it",
                        "file.read",
                        path("/tmp/a"),
                        10_000,
                        0,
                        Map.of("local", Set.of("shell.run")),
                        CAPABILITY_IMPLEMENTED,
                        false,
                        "Capability file.read is not implemented on node local"),
                new Row(
                        "an unknown or offline node implements nothing",
                        "file.read",
                        path("/tmp/a"),
                        10_000,
                        0,
                        Map.of(),
                        CAPABILITY_IMPLEMENTED,
                        false,
                        "Node local is unknown or offline"),
                new Row(
                        "all required parameters present",
                        "file.write",
                        Map.of("path", "/tmp/a", "content", "x"),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS,
                        true,
                        "Required parameters present: path, content"),
                new Row(
                        "a missing parameter is named",
                        "file.read",
                        Map.of(),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS,
                        false,
                        "Missing required parameter: path"),
                new Row(
                        "a null parameter is missing",
                        "file.read",
                        nullPath(),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS,
                        false,
                        "Missing required parameter: path"),
                new Row(
                        "a blank parameter is missing",
                        "file.read",
                        path("  "),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS,
                        false,
                        "Missing required parameter: path"),
                new Row(
                        "the first missing parameter in catalogue order is named",
                        "file.write",
                        Map.of("content", "x"),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS,
                        false,
                        "Missing required parameter: path"),
                new Row(
                        "a later missing parameter is named when earlier ones are present",
                        "file.write",
                        path("/tmp/a"),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        REQUIRED_PARAMS,
                        false,
                        "Missing required parameter: content"),
                new Row(
                        "a capability without parameters needs none",
                        "window.list",
                        Map.of(),
                        10_000,
                        0,
                        Map.of("local", Set.of("window.list")),
                        REQUIRED_PARAMS,
                        true,
                        "No parameters are required"),
                new Row(
                        "a timeout inside the bounds passes",
                        "file.read",
                        path("/tmp/a"),
                        30_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        TIMEOUT_BOUNDS,
                        true,
                        "timeout_ms 30000 is within 100..30000"),
                new Row(
                        "a timeout below the minimum is clamped up to it",
                        "file.read",
                        path("/tmp/a"),
                        99,
                        0,
                        LOCAL_OFFERS_ALL,
                        TIMEOUT_BOUNDS,
                        true,
                        "timeout_ms 99 was clamped to 100 (bounds 100..30000 for file.read)"),
                new Row(
                        "a timeout above the maximum is clamped down to it",
                        "file.read",
                        path("/tmp/a"),
                        30_001,
                        0,
                        LOCAL_OFFERS_ALL,
                        TIMEOUT_BOUNDS,
                        true,
                        "timeout_ms 30001 was clamped to 30000 (bounds 100..30000 for file.read)"),
                new Row(
                        "five retries pass",
                        "file.read",
                        path("/tmp/a"),
                        10_000,
                        5,
                        LOCAL_OFFERS_ALL,
                        MAX_RETRIES,
                        true,
                        "max_retries 5 is within 0..5"),
                new Row(
                        "six retries fail",
                        "file.read",
                        path("/tmp/a"),
                        10_000,
                        6,
                        LOCAL_OFFERS_ALL,
                        MAX_RETRIES,
                        false,
                        "max_retries must be between 0 and 5"),
                new Row(
                        "negative retries fail",
                        "file.read",
                        path("/tmp/a"),
                        10_000,
                        -1,
                        LOCAL_OFFERS_ALL,
                        MAX_RETRIES,
                        false,
                        "max_retries must be between 0 and 5"),
                new Row(
                        "a safe capability is classified without approval",
                        "file.read",
                        path("/tmp/a"),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        RISK_CLASSIFICATION,
                        true,
                        "risk safe; no approval required"),
                new Row(
                        "a risky capability is classified as needing approval",
                        "shell.run",
                        Map.of("command", "ls"),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        RISK_CLASSIFICATION,
                        true,
                        "risk medium; approval required"),
                new Row(
                        "parameters of the right types pass",
                        "mouse.click",
                        Map.of("x", 10, "y", 20, "button", "left"),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        true,
                        "Parameters have the right types"),
                new Row(
                        "a path that is not text fails",
                        "file.read",
                        Map.of("path", 42),
                        10_000,
                        0,
                        LOCAL_OFFERS_ALL,
                        PARAM_TYPES,
                        false,
                        "Parameter path must be text"),
                new Row(
                        "a fractional coordinate fails",
                        "mouse.click",
                        Map.of("x", 10.5, "y", 20),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter x must be a whole number"),
                new Row(
                        "a coordinate given as text fails",
                        "mouse.click",
                        Map.of("x", 10, "y", "20"),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter y must be a whole number"),
                new Row(
                        "an unknown mouse button fails",
                        "mouse.click",
                        Map.of("x", 1, "y", 1, "button", "thumb"),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter button must be one of left, right, middle"),
                new Row(
                        "four clicks fail",
                        "mouse.click",
                        Map.of("x", 1, "y", 1, "clicks", 4),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter clicks must be between 1 and 3, not 4"),
                new Row(
                        "a force flag that is not a boolean fails",
                        "app.close",
                        Map.of("target", "x", "force", "yes"),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter force must be true or false"),
                new Row(
                        "hotkeys as a list of texts pass",
                        "keyboard.hotkey",
                        Map.of("keys", List.of("ctrl", "c")),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        true,
                        "Parameters have the right types"),
                new Row(
                        "hotkeys as a list of numbers fail",
                        "keyboard.hotkey",
                        Map.of("keys", List.of(1, 2)),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter keys must be text or a list of texts"),
                new Row(
                        "a capture region of four whole numbers passes",
                        "screen.capture",
                        Map.of("region", Map.of("x", -10, "y", 0, "width", 640, "height", 480)),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        true,
                        "Parameters have the right types"),
                new Row(
                        "a capture region without its height fails",
                        "screen.capture",
                        Map.of("region", Map.of("x", 0, "y", 0, "width", 640)),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter region needs height"),
                new Row(
                        "a capture region of zero width fails",
                        "screen.capture",
                        Map.of("region", Map.of("x", 0, "y", 0, "width", 0, "height", 10)),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter region.width must be between 1 and 16384, not 0"),
                new Row(
                        "a capture region with a fractional corner fails",
                        "screen.capture",
                        Map.of("region", Map.of("x", 0.5, "y", 0, "width", 10, "height", 10)),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter region.x must be a whole number"),
                new Row(
                        "two capture areas fail",
                        "screen.capture",
                        Map.of("monitor", 0, "window", "Editor"),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Give at most one of region, window, monitor, not window and monitor"),
                new Row(
                        "a negative monitor index fails",
                        "screen.capture",
                        Map.of("monitor", -1),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter monitor must be between 0 and 63, not -1"),
                new Row(
                        "a typing delay above a second fails",
                        "keyboard.type",
                        Map.of("text", "hi", "delay_ms", 1_001),
                        10_000,
                        0,
                        DESKTOP,
                        PARAM_TYPES,
                        false,
                        "Parameter delay_ms must be between 0 and 1000, not 1001"),
                new Row(
                        "typed text of 1000 characters passes",
                        "keyboard.type",
                        text(1_000),
                        10_000,
                        0,
                        DESKTOP,
                        TEXT_LENGTH,
                        true,
                        "text is 1000 of at most 1000 characters"),
                new Row(
                        "typed text of 1001 characters fails",
                        "keyboard.type",
                        text(1_001),
                        10_000,
                        0,
                        DESKTOP,
                        TEXT_LENGTH,
                        false,
                        "keyboard.type text is 1001 characters; at most 1000 are allowed"),
                new Row(
                        "clipboard text of 100000 characters passes",
                        "clipboard.write",
                        text(100_000),
                        10_000,
                        0,
                        DESKTOP,
                        TEXT_LENGTH,
                        true,
                        "text is 100000 of at most 100000 characters"),
                new Row(
                        "clipboard text of 100001 characters fails",
                        "clipboard.write",
                        text(100_001),
                        10_000,
                        0,
                        DESKTOP,
                        TEXT_LENGTH,
                        false,
                        "clipboard.write text is 100001 characters; at most 100000 are allowed"),
                new Row(
                        "text length counts characters, not UTF-16 units",
                        "keyboard.type",
                        Map.of("text", "😀".repeat(1_000)),
                        10_000,
                        0,
                        DESKTOP,
                        TEXT_LENGTH,
                        true,
                        "text is 1000 of at most 1000 characters"),
                new Row(
                        "the last pixel of the default screen is on it",
                        "mouse.click",
                        Map.of("x", 7_679, "y", 4_319),
                        10_000,
                        0,
                        DESKTOP,
                        SCREEN_BOUNDS,
                        true,
                        "Point 7679,4319 is on the virtual screen (0,0 7680x4320)"),
                new Row(
                        "a point right of 7680 is off the default screen",
                        "mouse.click",
                        Map.of("x", 7_680, "y", 0),
                        10_000,
                        0,
                        DESKTOP,
                        SCREEN_BOUNDS,
                        false,
                        "Point 7680,0 is outside the virtual screen of node local (0,0 7680x4320)"),
                new Row(
                        "a negative point is off a screen that starts at 0,0",
                        "mouse.click",
                        Map.of("x", -1, "y", 10),
                        10_000,
                        0,
                        DESKTOP,
                        SCREEN_BOUNDS,
                        false,
                        "Point -1,10 is outside the virtual screen of node local (0,0 7680x4320)"),
                new Row(
                        "an https url passes",
                        "browser.open",
                        Map.of("url", "https://example.org/a?b=c"),
                        10_000,
                        0,
                        DESKTOP,
                        URL_SCHEME,
                        true,
                        "url uses http or https"),
                new Row(
                        "an http url passes",
                        "browser.open",
                        Map.of("url", "HTTP://example.org"),
                        10_000,
                        0,
                        DESKTOP,
                        URL_SCHEME,
                        true,
                        "url uses http or https"),
                new Row(
                        "a file url fails",
                        "browser.open",
                        Map.of("url", "file:///etc/passwd"),
                        10_000,
                        0,
                        DESKTOP,
                        URL_SCHEME,
                        false,
                        "url must use http or https, not file:"),
                new Row(
                        "a javascript url fails",
                        "browser.open",
                        Map.of("url", "javascript:alert(1)"),
                        10_000,
                        0,
                        DESKTOP,
                        URL_SCHEME,
                        false,
                        "url must use http or https, not javascript:"),
                new Row(
                        "a data url fails",
                        "browser.open",
                        Map.of("url", "data:text/html,<b>x</b>"),
                        10_000,
                        0,
                        DESKTOP,
                        URL_SCHEME,
                        false,
                        "url must use http or https, not data:"),
                new Row(
                        "a url without a scheme fails",
                        "browser.open",
                        Map.of("url", "example.org"),
                        10_000,
                        0,
                        DESKTOP,
                        URL_SCHEME,
                        false,
                        "url must use http or https, not no scheme"),
                new Row(
                        "an http url without a host fails",
                        "browser.open",
                        Map.of("url", "http:///path"),
                        10_000,
                        0,
                        DESKTOP,
                        URL_SCHEME,
                        false,
                        "url must name a host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCheckPassesOrFailsWithItsMessage(Row row) {
        Validation validation = validator.validate(
                spec(row.intent(), row.params(), row.timeoutMs(), row.retries()), nodes(row.nodes()));

        assertThat(validation.checks())
                .filteredOn(c -> c.name().equals(row.check()))
                .singleElement()
                .isEqualTo(new Check(row.check(), row.passes(), row.message()));
        assertThat(validation.valid()).isEqualTo(validation.checks().stream().allMatch(Check::passed));
    }

    @Test
    void runsEveryCheckInOrderForAKnownIntent() {
        Validation validation =
                validator.validate(spec("file.read", path("/tmp/a"), 10_000, 0), nodes(LOCAL_OFFERS_ALL));

        assertThat(validation.valid()).isTrue();
        assertThat(validation.checks())
                .extracting(Check::name)
                .containsExactly(
                        CAPABILITY_EXISTS,
                        CAPABILITY_IMPLEMENTED,
                        REQUIRED_PARAMS,
                        PARAM_TYPES,
                        TIMEOUT_BOUNDS,
                        MAX_RETRIES,
                        RISK_CLASSIFICATION);
    }

    @Test
    void stopsCheckingAtAnUnknownIntent() {
        Validation validation = validator.validate(spec("x", Map.of(), 10_000, 0), nodes(LOCAL_OFFERS_ALL));

        assertThat(validation.valid()).isFalse();
        assertThat(validation.checks()).extracting(Check::name).containsExactly(CAPABILITY_EXISTS);
    }

    @Test
    void reportsTheFirstFailureInCheckOrder() {
        Validation validation = validator.validate(spec("file.read", Map.of(), 1, 9), nodes(Map.of()));

        assertThat(validation.firstFailure()).map(Check::message).contains("Node local is unknown or offline");
        assertThat(validation.checks())
                .filteredOn(c -> !c.passed())
                .extracting(Check::name)
                .containsExactly(CAPABILITY_IMPLEMENTED, REQUIRED_PARAMS, MAX_RETRIES);
    }

    @Test
    void keepsAShellRunWorkingDirectoryInsideTheNodesWorkspace() {
        NodeAvailability node = new NodeAvailability() {
            @Override
            public Optional<Set<String>> onlineCapabilities(String n) {
                return Optional.of(Set.of("shell.run"));
            }

            @Override
            public List<String> workspaceRoots(String n) {
                return List.of("/srv/ws");
            }
        };

        for (String inside : List.of(".", "docs", "./a/../docs", "/srv/ws/docs")) {
            Validation validation =
                    validator.validate(spec("shell.run", Map.of("command", "pwd", "cwd", inside), 10_000, 0), node);
            assertThat(validation.valid()).as(inside).isTrue();
            assertThat(validation.checks()).extracting(Check::name).as(inside).contains(WORKING_DIRECTORY);
        }
        for (String outside : List.of("..", "../x", "docs/../../x", "/etc", "/srv/ws-evil")) {
            assertThat(validator
                            .validate(spec("shell.run", Map.of("command", "pwd", "cwd", outside), 10_000, 0), node)
                            .firstFailure())
                    .as(outside)
                    .map(Check::name)
                    .contains(WORKING_DIRECTORY);
        }
    }

    @Test
    void placesAPointOnTheScreenTheNodeReportsEvenLeftOfTheOrigin() {
        NodeAvailability leftMonitor = new NodeAvailability() {
            @Override
            public Optional<Set<String>> onlineCapabilities(String node) {
                return Optional.of(Set.of("mouse.click"));
            }

            @Override
            public Optional<ScreenBounds> screenBounds(String node) {
                return Optional.of(new ScreenBounds(-1_920, 0, 3_840, 1_080));
            }
        };

        assertThat(validator
                        .validate(spec("mouse.click", Map.of("x", -1_920, "y", 0), 10_000, 0), leftMonitor)
                        .valid())
                .isTrue();
        assertThat(validator
                        .validate(spec("mouse.click", Map.of("x", 1_919, "y", 1_079), 10_000, 0), leftMonitor)
                        .valid())
                .isTrue();
        assertThat(validator
                        .validate(spec("mouse.click", Map.of("x", 1_920, "y", 0), 10_000, 0), leftMonitor)
                        .firstFailure())
                .map(Check::message)
                .contains("Point 1920,0 is outside the virtual screen of node local (-1920,0 3840x1080)");
        assertThat(validator
                        .validate(spec("mouse.click", Map.of("x", -1_921, "y", 0), 10_000, 0), leftMonitor)
                        .valid())
                .isFalse();
    }

    @Test
    void neverPlacesAPointBeyond7680By4320WhateverTheNodeReports() {
        NodeAvailability huge = new NodeAvailability() {
            @Override
            public Optional<Set<String>> onlineCapabilities(String node) {
                return Optional.of(Set.of("mouse.click"));
            }

            @Override
            public Optional<ScreenBounds> screenBounds(String node) {
                return Optional.of(new ScreenBounds(0, 0, 20_000, 20_000));
            }
        };

        assertThat(validator
                        .validate(spec("mouse.click", Map.of("x", 7_680, "y", 10), 10_000, 0), huge)
                        .valid())
                .isFalse();
        assertThat(validator
                        .validate(spec("mouse.click", Map.of("x", 10, "y", 4_320), 10_000, 0), huge)
                        .valid())
                .isFalse();
    }

    @Test
    void takesItsTextLimitsFromConfiguration() {
        PolicyConfig tight = new PolicyConfig();
        tight.setKeyboardTextMaxLength(5);

        Validation validation = new PlanValidator(tight)
                .validate(spec("keyboard.type", Map.of("text", "123456"), 10_000, 0), nodes(DESKTOP));

        assertThat(validation.firstFailure())
                .map(Check::message)
                .contains("keyboard.type text is 6 characters; at most 5 are allowed");
    }

    @Test
    void aConfiguredTextLimitCannotRaiseTheCataloguesBound() {
        PolicyConfig loose = new PolicyConfig();
        loose.setKeyboardTextMaxLength(50_000);

        Validation validation =
                new PlanValidator(loose).validate(spec("keyboard.type", text(10_001), 10_000, 0), nodes(DESKTOP));

        assertThat(validation.firstFailure()).map(Check::name).contains(PARAM_TYPES);
        assertThat(validation.firstFailure())
                .map(Check::message)
                .contains("Parameter text is 10001 characters; at most 10000 are allowed");
    }

    @Test
    void refusesAParameterTheCapabilityDoesNotTakeByName() {
        Validation validation = new PlanValidator(new PolicyConfig())
                .validate(spec("mouse.click", Map.of("x", 1, "y", 1, "click", 2), 10_000, 0), nodes(DESKTOP));

        assertThat(validation.firstFailure())
                .map(Check::message)
                .contains("Parameter click is not one mouse.click takes; it takes x, y, button, clicks");
    }

    @Test
    void refusesAUrlThatHidesItsHostBehindAUserNameAsTheExecutorDoes() {
        Validation validation = new PlanValidator(new PolicyConfig())
                .validate(
                        spec("browser.open", Map.of("url", "https://bank.example@evil.example/"), 10_000, 0),
                        nodes(Map.of("local", Set.of("browser.open"))));

        assertThat(validation.firstFailure()).map(Check::name).contains(URL_SCHEME);
        assertThat(validation.firstFailure()).map(Check::message).contains("url carries a user name or password");
    }

    @Test
    void theGuardsWireNamesAreTheCheckNames() {
        assertThat(java.util.Arrays.stream(dev.handrail.contracts.capability.Guard.values())
                        .map(g -> g.wire()))
                .containsExactlyInAnyOrder(TEXT_LENGTH, SCREEN_BOUNDS, URL_SCHEME);
    }

    private static PlanSpec spec(String intent, Map<String, Object> params, long timeoutMs, int retries) {
        return PlanSpec.from(
                new PlanCommand(
                        "01TEST",
                        intent,
                        params,
                        "s1",
                        "agent",
                        null,
                        false,
                        timeoutMs,
                        retries,
                        Map.of(),
                        "local",
                        Instant.now()),
                "local");
    }

    private static Map<String, Object> text(int length) {
        return Map.of("text", "x".repeat(length));
    }

    private static NodeAvailability nodes(Map<String, Set<String>> offers) {
        return node -> Optional.ofNullable(offers.get(node));
    }

    private static Map<String, Object> path(String path) {
        return Map.of("path", path);
    }

    private static Map<String, Object> nullPath() {
        Map<String, Object> params = new HashMap<>();
        params.put("path", null);
        return params;
    }
}
