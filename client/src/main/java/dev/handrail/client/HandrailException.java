package dev.handrail.client;

/** What every failure of a {@link HandrailClient} call is: the gateway refused, or could not be reached. */
public abstract sealed class HandrailException extends RuntimeException
        permits HandrailException.ApiError, HandrailException.Unreachable {

    HandrailException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The gateway answered with an error: its HTTP status and the API's stable {@code error.code}
     * (one of docs/errors.md), e.g. {@code ALREADY_DECIDED} or {@code UNAUTHENTICATED}.
     */
    public static final class ApiError extends HandrailException {

        private final int status;
        private final String code;

        public ApiError(int status, String code, String message) {
            super(code + ": " + message, null);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        /**
         * Whether the caller lacks the authority: no, an unknown, expired or revoked token (401), or a
         * token whose role or principal may not do this (403: {@code FORBIDDEN}, {@code SELF_APPROVAL}).
         */
        public boolean unauthorised() {
            return status == 401 || status == 403;
        }
    }

    /** The gateway could not be reached (nothing listens there, or the connection broke). */
    public static final class Unreachable extends HandrailException {

        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
