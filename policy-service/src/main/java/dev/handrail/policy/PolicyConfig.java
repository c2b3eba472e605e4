package dev.handrail.policy;

import dev.handrail.contracts.capability.Capability;
import dev.handrail.contracts.capability.Param;
import dev.handrail.contracts.capability.ParamType;
import dev.handrail.contracts.capability.RiskLevel;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The policy service's settings, under {@code handrail.policy}; every one has a default. */
@ConfigurationProperties(PolicyConfig.PREFIX)
public class PolicyConfig {

    public static final String PREFIX = "handrail.policy";

    private String defaultNode = "local";
    private Duration approvalTtl = Duration.ofSeconds(300);
    private Duration sweepInterval = Duration.ofSeconds(1);
    private int sweepBatch = 100;
    private Duration publishTimeout = Duration.ofSeconds(10);
    private Map<String, Duration> approvalTtlByRisk = new LinkedHashMap<>();
    private String file;
    private String home;
    private Duration reloadInterval = Duration.ofSeconds(1);
    private Duration stateRefreshInterval = Duration.ofSeconds(5);
    private int keyboardTextMaxLength = 1_000;
    private int clipboardTextMaxLength = 100_000;
    private int screenMaxWidth = 7_680;
    private int screenMaxHeight = 4_320;
    private int whatIfMaxActions = 500;

    /** The node a plan runs on when it names none. */
    public String getDefaultNode() {
        return defaultNode;
    }

    public void setDefaultNode(String defaultNode) {
        this.defaultNode = defaultNode;
    }

    /** How long a pending approval waits for a person before it expires. */
    public Duration getApprovalTtl() {
        return approvalTtl;
    }

    public void setApprovalTtl(Duration approvalTtl) {
        this.approvalTtl = approvalTtl;
    }

    /** How often lapsed approvals are looked for (read by the scheduler as {@code handrail.policy.sweep-interval}). */
    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    /** At most this many approvals are expired in one sweep transaction. */
    public int getSweepBatch() {
        return sweepBatch;
    }

    public void setSweepBatch(int sweepBatch) {
        this.sweepBatch = sweepBatch;
    }

    /** How long to wait for JetStream to store what policy publishes before the work is retried. */
    public Duration getPublishTimeout() {
        return publishTimeout;
    }

    public void setPublishTimeout(Duration publishTimeout) {
        this.publishTimeout = publishTimeout;
    }

    /** Approval lifetimes per risk level ({@code safe}, {@code low}, {@code medium}, {@code high}) overriding {@link #getApprovalTtl()}. */
    public Map<String, Duration> getApprovalTtlByRisk() {
        return approvalTtlByRisk;
    }

    public void setApprovalTtlByRisk(Map<String, Duration> approvalTtlByRisk) {
        this.approvalTtlByRisk = approvalTtlByRisk;
    }

    /** How long an approval of a capability at {@code risk} waits for a person. */
    public Duration approvalTtlFor(RiskLevel risk) {
        return risk == null ? approvalTtl : approvalTtlByRisk.getOrDefault(risk.wire(), approvalTtl);
    }

    /** The policy file; when unset, {@code <home>/policy.yaml}; when that is unset or missing, the built-in policy. */
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    /** Handrail's data directory ({@code HANDRAIL_HOME}), where the policy file is looked for by default. */
    public String getHome() {
        return home;
    }

    public void setHome(String home) {
        this.home = home;
    }

    /** The policy file to watch, if one is configured. */
    public Optional<Path> policyFile() {
        if (file != null && !file.isBlank()) {
            return Optional.of(Path.of(file));
        }
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home).resolve("policy.yaml"));
        }
        return Optional.empty();
    }

    /** How often the policy file is checked for changes. */
    public Duration getReloadInterval() {
        return reloadInterval;
    }

    public void setReloadInterval(Duration reloadInterval) {
        this.reloadInterval = reloadInterval;
    }

    /** How often kill switches and capability settings are re-read from PostgreSQL, behind the change events. */
    public Duration getStateRefreshInterval() {
        return stateRefreshInterval;
    }

    public void setStateRefreshInterval(Duration stateRefreshInterval) {
        this.stateRefreshInterval = stateRefreshInterval;
    }

    /** Longest {@code text} a {@code keyboard.type} may send, in characters. */
    public int getKeyboardTextMaxLength() {
        return keyboardTextMaxLength;
    }

    public void setKeyboardTextMaxLength(int keyboardTextMaxLength) {
        this.keyboardTextMaxLength = keyboardTextMaxLength;
    }

    /** Longest {@code text} a {@code clipboard.write} may set, in characters. */
    public int getClipboardTextMaxLength() {
        return clipboardTextMaxLength;
    }

    public void setClipboardTextMaxLength(int clipboardTextMaxLength) {
        this.clipboardTextMaxLength = clipboardTextMaxLength;
    }

    /**
     * The longest {@code text} {@code capability} may carry, in characters: the operator's limit for
     * it ({@code keyboard-text-max-length}, {@code clipboard-text-max-length}) where that is lower
     * than the catalogue's bound, else the catalogue's.
     */
    public int textMaxLength(Capability capability) {
        int bound = capability
                .param("text")
                .map(Param::type)
                .filter(ParamType.Text.class::isInstance)
                .map(type -> ((ParamType.Text) type).maxLength())
                .orElse(Integer.MAX_VALUE);
        Integer configured = switch (capability.intent()) {
            case "keyboard.type" -> keyboardTextMaxLength;
            case "clipboard.write" -> clipboardTextMaxLength;
            default -> null;
        };
        return configured == null ? bound : Math.min(configured, bound);
    }

    /** Width of the virtual screen assumed for a node that does not report its own, and the most any may report. */
    public int getScreenMaxWidth() {
        return screenMaxWidth;
    }

    public void setScreenMaxWidth(int screenMaxWidth) {
        this.screenMaxWidth = screenMaxWidth;
    }

    /** Height of the virtual screen assumed for a node that does not report its own, and the most any may report. */
    public int getScreenMaxHeight() {
        return screenMaxHeight;
    }

    public void setScreenMaxHeight(int screenMaxHeight) {
        this.screenMaxHeight = screenMaxHeight;
    }

    /** The most recorded actions one what-if may evaluate. */
    public int getWhatIfMaxActions() {
        return whatIfMaxActions;
    }

    public void setWhatIfMaxActions(int whatIfMaxActions) {
        this.whatIfMaxActions = whatIfMaxActions;
    }
}
