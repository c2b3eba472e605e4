package dev.handrail.health.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureClassTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "TIMEOUT, timeout, true",
            "verify_timeout, timeout, true",
            "INTERRUPTED, interrupted, true",
            "CANCELLED, interrupted, true",
            "CONTENT_MISMATCH, content_mismatch, false",
            "NOT_IMPLEMENTED, not_implemented, true",
            "VALIDATION_FAILED, validation, false",
            "INVALID_PARAMS, validation, false",
            "FILE_NOT_FOUND, validation, false",
            "MAX_DELIVERIES, max_deliveries, true",
            "EXECUTION_ERROR, execution_error, true",
            "SOMETHING_NEW, execution_error, true",
            "NULL, execution_error, true"})
    void classifiesErrorCodesAndSaysWhichCountAgainstANode(String code, String wire, boolean executionFailure) {
        FailureClass failureClass = FailureClass.of(code);

        assertThat(failureClass.wire()).isEqualTo(wire);
        assertThat(failureClass.isExecutionFailure()).isEqualTo(executionFailure);
    }
}
