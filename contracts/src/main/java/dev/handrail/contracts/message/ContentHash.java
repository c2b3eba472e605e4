package dev.handrail.contracts.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 over intent, params (keys sorted) and node: what an approval or an allow decision is
 * bound to. The same content always gives the same hash, in any service.
 */
public final class ContentHash {

    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ContentHash() {
    }

    /** The hex digest of the action's content. */
    public static String of(String intent, Map<String, Object> params, String node) {
        try {
            byte[] json = SORTED.writeValueAsBytes(new Object[] {intent, params, node});
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash action content", e);
        }
    }

    /** Whether the command still carries the content its hash was made from. */
    public static boolean matches(ExecuteCommand command) {
        return of(command.intent(), command.params(), command.node()).equals(command.contentHash());
    }
}
