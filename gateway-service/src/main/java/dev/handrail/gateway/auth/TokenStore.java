package dev.handrail.gateway.auth;

import java.util.List;
import java.util.Optional;

/** Where tokens are kept, shared by every gateway instance. Implemented in {@code messaging}. */
public interface TokenStore {

    /** The token whose secret hashes to {@code secretHash}, revoked or not. */
    Optional<TokenRecord> findByHash(String secretHash);

    /** The token with this id. */
    Optional<TokenRecord> findById(String id);

    /** Every token, newest first. */
    List<TokenRecord> all();

    /** Stores a new or changed token; visible to every instance within moments. */
    void save(TokenRecord token);
}
