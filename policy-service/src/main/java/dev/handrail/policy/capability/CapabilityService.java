package dev.handrail.policy.capability;

import dev.handrail.contracts.capability.CapabilityCatalogue;
import dev.handrail.contracts.error.ErrorCode;
import dev.handrail.contracts.policy.CapabilityUpdate;
import dev.handrail.contracts.query.Reply;
import dev.handrail.policy.decision.ApprovalMode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Enables, disables and sets the approval mode of capabilities, answering with the capability as reported. Stateless. */
@Singleton
public class CapabilityService {

    private final CapabilitySettings settings;
    private final CapabilityReport report;
    private final Clock clock;

    public CapabilityService(CapabilitySettings settings, CapabilityReport report, Clock clock) {
        this.settings = settings;
        this.report = report;
        this.clock = clock;
    }

    /** Applies {@code update}; a field left null keeps its current value. */
    public Reply update(CapabilityUpdate update) {
        if (CapabilityCatalogue.find(update.intent()).isEmpty()) {
            return Reply.error(ErrorCode.NOT_FOUND, "No capability " + update.intent());
        }
        if (update.enabled() == null && update.approvalMode() == null) {
            return Reply.error(
                    ErrorCode.VALIDATION_FAILED,
                    "Send enabled (true or false) and/or approval_mode (auto or require_approval)");
        }
        Optional<ApprovalMode> mode = Optional.empty();
        if (update.approvalMode() != null) {
            mode = ApprovalMode.fromWire(update.approvalMode());
            if (mode.isEmpty()) {
                return Reply.error(
                        ErrorCode.VALIDATION_FAILED,
                        "approval_mode must be auto or require_approval, not " + update.approvalMode());
            }
        }
        Optional<CapabilitySetting> current = settings.of(update.intent());
        boolean enabled = update.enabled() != null
                ? update.enabled()
                : current.map(CapabilitySetting::enabled).orElse(true);
        ApprovalMode approvalMode =
                mode.orElse(current.map(CapabilitySetting::approvalMode).orElse(null));
        settings.save(new CapabilitySetting(
                update.intent(),
                enabled,
                approvalMode,
                update.changedBy(),
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return Reply.ok(report.build().capabilities().stream()
                .filter(e -> e.intent().equals(update.intent()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Capability " + update.intent() + " left the report")));
    }
}
