package dev.handrail.gateway.auth;

/** The authenticated caller of one request. */
public record Caller(String principal, PrincipalKind kind, Role role, String tokenId) {

    public boolean is(Role required) {
        return role.covers(required);
    }
}
