package dev.handrail.health.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handrail.contracts.error.Blame;
import dev.handrail.contracts.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureClassTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "TIMEOUT, timeout",
                "INTERRUPTED, interrupted",
                "ABORTED_BY_KILL_SWITCH, interrupted",
                "RUN_CANCELLED, interrupted",
                "CONTENT_MISMATCH, content_mismatch",
                "VERIFICATION_FAILED, content_mismatch",
                "NOT_IMPLEMENTED, not_implemented",
                "VALIDATION_FAILED, validation",
                "INVALID_PARAMS, validation",
                "FILE_NOT_FOUND, validation",
                "PATH_OUTSIDE_WORKSPACE, validation",
                "COMMAND_FAILED, validation",
                "MAX_DELIVERIES, max_deliveries",
                "EXECUTOR_ERROR, execution_error",
                "IO_ERROR, execution_error",
                "SOMETHING_NEW, execution_error",
                "NULL, execution_error"
            })
    void classifiesErrorCodesFromTheCatalogue(String code, String wire) {
        assertThat(FailureClass.of(code).wire()).isEqualTo(wire);
    }

    @Test
    void groupsEveryCodeThatBlamesTheRequestApartFromNodeFailures() {
        for (ErrorCode code : ErrorCode.values()) {
            FailureClass failureClass = FailureClass.of(code);
            if (failureClass == FailureClass.VALIDATION) {
                assertThat(code.blame()).as(code.code()).isEqualTo(Blame.REQUEST);
            }
            if (failureClass == FailureClass.EXECUTION_ERROR) {
                assertThat(code.blame()).as(code.code()).isNotEqualTo(Blame.REQUEST);
            }
        }
    }
}
