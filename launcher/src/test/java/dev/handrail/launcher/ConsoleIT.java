package dev.handrail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handrail.executor.desktop.x11.XServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in headless Chromium against the whole system: an agent plans over the
 * API, people decide in the browser. Desktop capabilities run on an Xvfb display so a high-risk
 * action (keyboard.type, whose text is sensitive) can be planned; high-risk approvals expire
 * after a few seconds here so expiry can be watched. One browser per person, kept for the class.
 * With {@code -Dhandrail.writeDocs=true} each page is saved to docs/images at 1280×800.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration HIGH_RISK_TTL = Duration.ofSeconds(15);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static XServer display;
    private static LocalSystem system;
    private static Api admin;
    private static Api operator;
    private static Api agent;
    private static Api otherAgent;
    private static Api worker;
    private static String adminPrincipal;
    /** The admin's browser. */
    private static WebDriver first;
    /** A second person (operator), for races and for a page left open elsewhere. */
    private static WebDriver second;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        Assumptions.assumeTrue(
                XServer.xvfb().isPresent(), "Xvfb is not installed: no desktop for high-risk capabilities");
        Awaitility.ignoreExceptionsByDefault();
        display = XServer.start(false);
        TestHome home = TestHome.create("handrail-console-it");
        system = LocalSystem.start(
                home.settings(),
                Map.of(
                        "DISPLAY",
                        display.display(),
                        "HANDRAIL_DESKTOP",
                        "x11",
                        "HANDRAIL_POLICY_APPROVAL_TTL_BY_RISK_HIGH",
                        HIGH_RISK_TTL.toSeconds() + "s"));
        admin = Api.admin(system);
        adminPrincipal = admin.get("/v1/me").body().get("principal").asText();
        operator = admin.as("olga-console", "operator");
        agent = admin.as("agent-console", "agent");
        otherAgent = admin.as("agent-elsewhere", "agent");
        worker = admin.as("worker-console", "agent");
        agent.awaitNodeImplements("shell.run");
        agent.awaitNodeImplements("keyboard.type");
        first = browser();
        second = browser();
        signIn(first, admin.token());
        signIn(second, operator.token());
    }

    @AfterAll
    static void stop() {
        for (WebDriver driver : new WebDriver[] {first, second}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (system != null) {
            system.close();
        }
        if (display != null) {
            display.close();
        }
    }

    @AfterEach
    void noScriptErrorsOrPolicyViolations() {
        for (WebDriver driver : new WebDriver[] {first, second}) {
            List<String> problems = new ArrayList<>();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                String message = entry.getMessage();
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        && (message.contains("Content Security Policy") || message.contains("Uncaught"))) {
                    problems.add(message);
                }
            }
            assertThat(problems)
                    .as("script errors and CSP violations in the console")
                    .isEmpty();
        }
    }

    @Test
    @Order(1)
    void aRiskyPlanAppearsWithinASecondAndApprovingShowsTheOutcomeAndTheWholeTrail() {
        open(first, "inbox");
        open(second, "inbox");

        JsonNode planned = agent.plan(Map.of(
                        "intent",
                        "shell.run",
                        "params",
                        Map.of("command", "echo approved from the console"),
                        "session_id",
                        "s-console-tour"))
                .body();
        String id = planned.get("action_id").asText();
        assertThat(planned.get("state").asText()).isEqualTo("pending_approval");

        new WebDriverWait(first, Duration.ofSeconds(1), Duration.ofMillis(25))
                .until(ExpectedConditions.visibilityOfElementLocated(pending(id)));
        assertText(
                first,
                pending(id),
                "shell.run",
                "local",
                "agent-console",
                "s-console-tour",
                planned.get("decision").get("policy_version").asText(),
                "echo approved from the console",
                planned.get("decision").get("reasons").get(0).asText());
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(first.findElement(pending(id)).getText())
                        .containsPattern("expires in \\d+ m \\d+ s"));
        assertThat(first.findElement(pending(id).child("code.hash")).getText()).isNotBlank();
        screenshot(first, "console-inbox");

        on(first, pending(id).child("input.comment"), e -> e.sendKeys("looks right"));
        on(first, pending(id).child("button.approve"), WebElement::click);

        wait(first).until(ExpectedConditions.visibilityOfElementLocated(decided(id, "succeeded")));
        assertText(first, decided(id, "succeeded"), "approved by you → succeeded", "approved from the console");
        JsonNode approval = operator.get("/v1/approvals/" + id).body();
        assertThat(approval.get("decided_by").asText()).isEqualTo(adminPrincipal);
        assertThat(approval.get("comment").asText()).isEqualTo("looks right");

        on(first, decided(id, "succeeded").child("a[href='#/inspect/" + id + "']"), WebElement::click);
        wait(first).until(ExpectedConditions.attributeToBe(By.id("inspector-summary"), "data-state", "succeeded"));
        WebElement trail = wait(first).until(ExpectedConditions.visibilityOfElementLocated(By.id("inspector-trail")));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(first.findElements(By.cssSelector("#inspector-trail tr[data-phase]")))
                        .extracting(row -> row.getDomAttribute("data-phase"))
                        .contains("plan", "await_approval", "approve", "execute"));
        assertThat(trail.getText()).contains(adminPrincipal);
        assertThat(first.findElement(By.id("inspector-chain-verdict")).getText())
                .startsWith("Verifies");
        assertThat(first.findElement(By.id("inspector-approval")).getText()).contains("looks right", adminPrincipal);
        assertThat(first.findElement(By.id("inspector-execution")).getText()).contains("approved from the console");
        screenshot(first, "console-inspector");
    }

    @Test
    @Order(2)
    void denyingWithACommentFromTheKeyboardRecordsTheComment() {
        open(first, "inbox");
        String id = agent.plan(Map.of("intent", "file.write", "params", Map.of("path", "friday.txt", "content", "x")))
                .body()
                .get("action_id")
                .asText();
        wait(first).until(ExpectedConditions.visibilityOfElementLocated(pending(id)));

        on(first, pending(id).child("header .intent"), WebElement::click);
        new Actions(first)
                .sendKeys("c")
                .sendKeys("not on a Friday")
                .sendKeys(Keys.ENTER)
                .sendKeys("d")
                .perform();

        wait(first).until(ExpectedConditions.visibilityOfElementLocated(decided(id, "denied")));
        assertText(first, decided(id, "denied"), "denied by you", "not on a Friday");
        JsonNode approval = operator.get("/v1/approvals/" + id).body();
        assertThat(approval.get("state").asText()).isEqualTo("denied");
        assertThat(approval.get("comment").asText()).isEqualTo("not on a Friday");
        assertThat(system.settings().workspace().resolve("friday.txt")).doesNotExist();
    }

    @Test
    @Order(3)
    void twoPeopleDecidingTheSameActionOneWinsAndTheOtherSeesWhoDecided() {
        open(first, "inbox");
        open(second, "inbox");
        String id = agent.plan(Map.of("intent", "shell.run", "params", Map.of("command", "echo raced")))
                .body()
                .get("action_id")
                .asText();
        wait(first).until(ExpectedConditions.visibilityOfElementLocated(pending(id)));
        wait(second).until(ExpectedConditions.visibilityOfElementLocated(pending(id)));

        on(first, pending(id).child("button.approve"), WebElement::click);
        try {
            second.findElement(pending(id).child("button.deny")).click();
        } catch (RuntimeException alreadyGone) {
            // The first decision reached the second page before its click did: it shows who decided instead.
        }

        await().atMost(PATIENCE)
                .until(() -> !operator.get("/v1/approvals/" + id)
                        .body()
                        .get("decided_by")
                        .isNull());
        JsonNode approval = operator.get("/v1/approvals/" + id).body();
        String winner = approval.get("decided_by").asText();
        boolean adminWon = winner.equals(adminPrincipal);
        WebDriver loser = adminWon ? second : first;
        WebDriver won = adminWon ? first : second;
        By note = By.cssSelector("#inbox-decided [data-action-id='" + id + "']");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(loser.findElement(note).getText())
                        .contains(winner)
                        .doesNotContain("by you"));
        assertText(won, note, "by you");
        assertThat(loser.findElements(pending(id))).isEmpty();
    }

    @Test
    @Order(4)
    void aHighRiskApprovalShowsMaskedInputAsksForConfirmationAndDisappearsAtExpiry() {
        open(first, "inbox");
        JsonNode planned = agent.plan(Map.of("intent", "keyboard.type", "params", Map.of("text", "typed secret words")))
                .body();
        String id = planned.get("action_id").asText();
        Instant expires = Instant.parse(planned.get("expires_at").asText());
        wait(first).until(ExpectedConditions.visibilityOfElementLocated(pending(id)));

        assertThat(first.findElement(pending(id)).getText())
                .doesNotContain("typed secret words")
                .contains("••••");
        on(first, pending(id).child("button.reveal"), WebElement::click);
        wait(first).until(ExpectedConditions.textToBePresentInElementLocated(pending(id), "typed secret words"));

        on(first, pending(id).child("header .intent"), WebElement::click);
        new Actions(first).sendKeys("a").perform();
        WebElement confirm =
                wait(first).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".confirm")));
        assertThat(confirm.getText()).contains("High risk", "keyboard.type");
        screenshot(first, "console-confirm");
        new Actions(first).sendKeys(Keys.ESCAPE).perform();
        wait(first).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".confirm")));

        await().atMost(HIGH_RISK_TTL).until(() -> Instant.now().isAfter(expires.minusSeconds(2)));
        assertThat(first.findElements(pending(id)))
                .as("still offered shortly before it expires")
                .hasSize(1);
        AtomicReference<Instant> gone = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    boolean absent = first.findElements(pending(id)).isEmpty();
                    if (absent) {
                        gone.set(Instant.now());
                    }
                    return absent;
                });
        assertThat(gone.get()).isBetween(expires.minusSeconds(2), expires.plusSeconds(2));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(operator.get("/v1/approvals/" + id)
                                .body()
                                .get("state")
                                .asText())
                        .isEqualTo("expired"));
    }

    @Test
    @Order(5)
    void anXssPayloadInParametersAndOutputRendersAsText() {
        String payload = "<img src=x onerror=window.__xss=1>";
        open(first, "inbox");
        String id = agent.plan(Map.of(
                        "intent",
                        "shell.run",
                        "params",
                        Map.of("command", "echo '" + payload + "'"),
                        "session_id",
                        "<b>session</b>"))
                .body()
                .get("action_id")
                .asText();
        wait(first).until(ExpectedConditions.visibilityOfElementLocated(pending(id)));

        assertText(first, pending(id), payload, "<b>session</b>");
        on(first, pending(id).child("input.comment"), e -> e.sendKeys("<script>window.__xss=2</script>"));
        on(first, pending(id).child("button.approve"), WebElement::click);
        wait(first).until(ExpectedConditions.visibilityOfElementLocated(decided(id, "succeeded")));

        assertText(first, decided(id, "succeeded"), payload, "<script>window.__xss=2</script>");
        open(first, "inspect/" + id);
        wait(first).until(ExpectedConditions.textToBePresentInElementLocated(By.id("inspector-execution"), payload));
        open(first, "timeline");
        wait(first).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline-rows"), "<b>session</b>"));
        assertThat(first.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertThat(((JavascriptExecutor) first).executeScript("return window.__xss === undefined"))
                .isEqualTo(true);
    }

    @Test
    @Order(6)
    void theTimelineFiltersBySessionAndHoldsEventsWhilePaused() {
        open(second, "timeline");
        By rows = By.cssSelector("#timeline-rows tr");
        wait(second).until(ExpectedConditions.visibilityOfElementLocated(rows));

        on(second, By.cssSelector("input[data-filter='session']"), e -> e.sendKeys("s-console-tour"));
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(second.findElements(rows))
                        .isNotEmpty()
                        .allSatisfy(row -> assertThat(row.getText()).contains("s-console-tour")));
        on(
                second,
                By.cssSelector("input[data-filter='session']"),
                e -> e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE));

        on(second, By.id("timeline-pause"), WebElement::click);
        agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "paused.txt"), "session_id", "s-paused"));
        wait(second)
                .until(ExpectedConditions.textMatches(
                        By.id("timeline-held"), java.util.regex.Pattern.compile("\\d+ new while paused")));
        assertThat(second.findElement(By.id("timeline-rows")).getText()).doesNotContain("s-paused");

        on(second, By.id("timeline-pause"), WebElement::click);
        wait(second).until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline-rows"), "s-paused"));
    }

    @Test
    @Order(7)
    void engagingTheKillSwitchShowsABannerOnAnotherOpenPage() {
        open(second, "timeline");
        wait(second).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#timeline-rows tr")));
        assertThat(second.findElement(By.id("kill-banner")).isDisplayed()).isFalse();
        screenshot(second, "console-timeline");
        open(first, "kill-switch");
        WebElement form = wait(first).until(ExpectedConditions.visibilityOfElementLocated(By.id("kill-switch-form")));

        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("kind"))).selectByValue("capability");
        form.findElement(By.name("target")).sendKeys("shell.run");
        form.findElement(By.name("reason")).sendKeys("runaway agent in s-42");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement banner = new WebDriverWait(second, Duration.ofSeconds(5))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("kill-banner")));
        assertThat(banner.getText())
                .contains("Kill switch engaged", "capability:shell.run", "since", "runaway agent in s-42");
        wait(first)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("tr[data-scope='capability:shell.run']")));
        screenshot(first, "console-kill-switch");

        first.findElement(By.cssSelector("tr[data-scope='capability:shell.run'] button.release"))
                .click();
        new WebDriverWait(second, Duration.ofSeconds(5))
                .until(ExpectedConditions.invisibilityOfElementLocated(By.id("kill-banner")));
        assertThat(admin.get("/v1/kill-switch").body().get("engaged"))
                .noneMatch(scope -> scope.path("engaged").asBoolean(true));
    }

    @Test
    @Order(8)
    void healthAndPolicyPagesShowWhatTheSystemReports() {
        open(first, "health");
        wait(first).until(ExpectedConditions.textToBePresentInElementLocated(By.id("health-summary"), "Overall"));
        assertThat(first.findElements(By.cssSelector("#health-summary tbody tr")))
                .isNotEmpty();
        screenshot(first, "console-health");

        open(first, "policy");
        wait(first)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-active"), "In force: version"));
        screenshot(first, "console-policy");
    }

    @Test
    @Order(9)
    void theInboxWorksOnAPhoneWidthScreen() {
        viewport(first, 390, 844);
        try {
            open(first, "inbox");
            String id = agent.plan(Map.of(
                            "intent", "file.write", "params", Map.of("path", "phone.txt", "content", "from a phone")))
                    .body()
                    .get("action_id")
                    .asText();
            wait(first).until(ExpectedConditions.visibilityOfElementLocated(pending(id)));
            assertThat(((JavascriptExecutor) first)
                            .executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .isEqualTo(true);
            screenshot(first, "console-phone");

            on(first, pending(id).child("button.approve"), WebElement::click);

            wait(first).until(ExpectedConditions.visibilityOfElementLocated(decided(id, "succeeded")));
            assertThat(system.settings().workspace().resolve("phone.txt")).hasContent("from a phone");
        } finally {
            viewport(first, XServer.WIDTH, XServer.HEIGHT);
        }
    }

    @Test
    @Order(10)
    void aRunShowsItsStepsToolCallsArtifactsAndActionsLiveAndAnOperatorCancelsIt() {
        open(second, "runs");
        wait(second).until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("runs-status"), "Loading…")));
        String payload = "<img src=x onerror=window.__xss=3>";
        Api.Answer created = agent.post(
                "/v1/runs",
                Map.of(
                        "title",
                        "Tidy the <b>notes</b>",
                        "session_id",
                        "s-console-run",
                        "budget",
                        Map.of("max_actions", 5, "max_duration_s", 600)));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String runId = created.body().get("run").get("id").asText();
        By row = By.cssSelector("#runs-rows tr[data-run-id='" + runId + "']");
        awaitState(second, row, "queued");
        assertText(second, row, "Tidy the <b>notes</b>", "agent-console");

        JsonNode claimed = worker.post("/v1/runs/claim", Map.of("ttl_s", 300)).body();
        assertThat(claimed.get("run").get("id").asText()).isEqualTo(runId);
        String lease = claimed.get("lease").get("token").asText();
        awaitState(second, row, "running");
        assertText(second, row, "worker-console");

        on(second, By.cssSelector("#runs-rows tr[data-run-id='" + runId + "'] a"), WebElement::click);
        awaitState(second, By.id("run-summary"), "running");
        assertText(second, By.id("run-summary"), "worker-console", "agent-console", "0 of 5 actions", "10 m 00 s");
        on(second, By.id("run-summary"), e -> assertThat(e.getText()).containsPattern("\\(in \\d+ m \\d+ s\\)"));

        String step = worker.post(
                        "/v1/runs/" + runId + "/steps", Map.of("lease_token", lease, "name", "gather the notes"))
                .body()
                .get("step")
                .get("id")
                .asText();
        String call = worker.post(
                        "/v1/steps/" + step + "/toolcalls",
                        Map.of("lease_token", lease, "name", "grep", "input", Map.of("pattern", "deadline")))
                .body()
                .get("tool_call")
                .get("id")
                .asText();
        worker.post("/v1/toolcalls/" + call + "/succeed", Map.of("lease_token", lease, "output", Map.of("matches", 7)));
        for (Map<String, Object> artifact : List.of(
                Map.<String, Object>of("name", "notes", "kind", "text", "content", payload),
                Map.<String, Object>of("name", "counts", "kind", "json", "content", Map.of("todo", 7)),
                Map.<String, Object>of("name", "wiki", "kind", "uri", "content", "https://example.org/wiki"),
                Map.<String, Object>of("name", "trap", "kind", "uri", "content", "javascript:window.__xss=4"))) {
            Map<String, Object> body = new HashMap<>(artifact);
            body.put("lease_token", lease);
            Api.Answer added = worker.post("/v1/steps/" + step + "/artifacts", body);
            assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
        }
        String actionId = worker.readInStep("run-notes.txt", runId, step, lease);

        Css shown = new Css("#run-steps [data-step-id='" + step + "']");
        awaitState(second, shown, "running");
        assertText(second, shown, "gather the notes");
        assertText(second, shown.child(".tool-calls tr.state-succeeded"), "grep", "deadline", "\"matches\": 7");
        assertText(
                second,
                shown.child(".artifacts"),
                "notes",
                payload,
                "\"todo\": 7",
                "https://example.org/wiki",
                "javascript:window.__xss=4");
        on(
                second,
                shown.child("a.artifact-link"),
                link -> assertThat(link.getDomAttribute("href")).isEqualTo("https://example.org/wiki"));
        on(second, shown.child("tr[data-kind='uri']:last-child td:nth-child(3)"), trap -> {
            assertThat(trap.getText()).isEqualTo("javascript:window.__xss=4");
            assertThat(trap.findElements(By.tagName("a"))).isEmpty();
        });
        assertThat(second.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertText(second, shown.child(".actions"), actionId, "file.read");
        assertText(second, By.id("run-summary"), "1 of 5 actions");
        screenshot(second, "console-run");

        assertThat(second.findElement(By.id("run-cancel-form")).isDisplayed()).isFalse();
        on(second, By.id("run-cancel"), WebElement::click);
        on(second, By.id("run-cancel-reason"), e -> e.sendKeys("wrong notes folder"));
        on(second, By.id("run-cancel-confirm"), WebElement::click);
        awaitState(second, By.id("run-summary"), "cancelled");
        assertText(second, By.id("run-summary"), "wrong notes folder");
        assertThat(second.findElements(By.id("run-cancel"))).isEmpty();
        JsonNode run = operator.get("/v1/runs/" + runId).body().get("run");
        assertThat(run.get("state").asText()).isEqualTo("cancelled");
        assertThat(run.get("error").asText()).isEqualTo("wrong notes folder");
        assertThat(worker.post("/v1/runs/" + runId + "/complete", Map.of("lease_token", lease))
                        .status())
                .isEqualTo(409);

        on(second, shown.child(".actions a[href='#/inspect/" + actionId + "']"), WebElement::click);
        wait(second).until(ExpectedConditions.attributeToBe(By.id("page"), "data-page", "inspect"));
        assertText(second, By.id("inspector-summary"), actionId, "file.read");
        assertThat(((JavascriptExecutor) second).executeScript("return window.__xss === undefined"))
                .isEqualTo(true);
    }

    @Test
    @Order(11)
    void anAgentTokenSeesOnlyItsOwnActionsAndNoOperatorPages() {
        String own = agent.plan(Map.of("intent", "file.read", "params", Map.of("path", "missing-own.txt")))
                .body()
                .get("action_id")
                .asText();
        String others = otherAgent
                .plan(Map.of("intent", "file.read", "params", Map.of("path", "missing-other.txt")))
                .body()
                .get("action_id")
                .asText();
        second.findElement(By.id("sign-out")).click();
        signIn(second, agent.token());

        open(second, "timeline");
        wait(second)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#timeline-rows tr[data-action-id='" + own + "']")));
        assertThat(second.findElements(By.cssSelector("#timeline-rows tr[data-action-id='" + others + "']")))
                .isEmpty();
        assertThat(second.findElements(By.cssSelector("#nav a")).stream()
                        .filter(WebElement::isDisplayed)
                        .map(WebElement::getText))
                .containsExactly("Timeline");
        assertThat(second.findElement(By.id("kill-banner")).isDisplayed()).isFalse();

        open(second, "inspect/" + others);
        wait(second)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("inspector"), "No action " + others));
        open(second, "inbox");
        wait(second).until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "may not use this page"));
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--window-size=" + XServer.WIDTH + "," + XServer.HEIGHT,
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        viewport(driver, XServer.WIDTH, XServer.HEIGHT);
        return driver;
    }

    /** Sizes the window so that the page itself (what a screenshot shows) is {@code width}×{@code height}. */
    private static void viewport(WebDriver driver, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        @SuppressWarnings("unchecked")
        List<Number> inner = (List<Number>)
                ((JavascriptExecutor) driver).executeScript("return [window.innerWidth, window.innerHeight]");
        driver.manage()
                .window()
                .setSize(new Dimension(
                        2 * width - inner.get(0).intValue(),
                        2 * height - inner.get(1).intValue()));
    }

    private static void signIn(WebDriver driver, String token) {
        driver.get(system.gatewayUrl() + "/console");
        WebElement field = wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in-form button")).click();
        wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        assertThat(driver.getCurrentUrl()).doesNotContain(token);
    }

    /** Shows a page by its hash route and waits until it is the one in view. */
    private static void open(WebDriver driver, String route) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", "#/" + route);
        String page = route.contains("/") ? route.substring(0, route.indexOf('/')) : route;
        wait(driver).until(ExpectedConditions.attributeToBe(By.id("page"), "data-page", page));
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50));
    }

    /** Does something to the element {@code locator} finds, finding it again if the page redrew it meanwhile. */
    private static void on(WebDriver driver, By locator, Consumer<WebElement> action) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> action.accept(driver.findElement(locator)));
    }

    /** Waits until the element {@code locator} finds has {@code state} as its data-state, finding it again as the page redraws it. */
    private static void awaitState(WebDriver driver, By locator, String state) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(driver.findElement(locator).getDomAttribute("data-state"))
                        .isEqualTo(state));
    }

    /** Waits until the element {@code locator} finds shows every one of {@code texts}. */
    private static void assertText(WebDriver driver, By locator, String... texts) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(
                        () -> assertThat(driver.findElement(locator).getText()).contains(texts));
    }

    private static Css pending(String id) {
        return new Css("#inbox-list [data-action-id='" + id + "']");
    }

    private static Css decided(String id, String outcome) {
        return new Css("#inbox-decided [data-action-id='" + id + "'][data-outcome='" + outcome + "']");
    }

    /** A CSS locator that can name an element inside the one it finds. */
    private static final class Css extends By.ByCssSelector {
        private final String selector;

        Css(String selector) {
            super(selector);
            this.selector = selector;
        }

        Css child(String inner) {
            return new Css(selector + " " + inner);
        }
    }

    /** Saves what the browser shows as docs/images/{name}.png, when the docs are being written. */
    private static void screenshot(WebDriver driver, String name) {
        if (!Boolean.getBoolean("handrail.writeDocs")) {
            return;
        }
        Path images = Path.of(System.getProperty("handrail.repo", "..")).resolve("docs/images");
        try {
            Files.createDirectories(images);
            Files.write(images.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
