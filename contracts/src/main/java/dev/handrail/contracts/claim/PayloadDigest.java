package dev.handrail.contracts.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.handrail.contracts.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 of a command's {@code data} in a canonical form (object keys sorted, no whitespace), so
 * the sender's tree and the receiver's parse of the same JSON give the same digest whatever order
 * the fields were written in.
 */
public final class PayloadDigest {

    private static final ObjectMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PayloadDigest() {}

    /** The hex digest of {@code data} (JSON {@code null} for a missing one). */
    public static String of(@Nullable JsonNode data) {
        try {
            return sortedSha256(data == null ? null : Json.mapper().treeToValue(data, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot digest a command's data", e);
        }
    }

    /** The hex SHA-256 of {@code value} written as JSON with map keys sorted (Jackson's default names). */
    public static String sortedSha256(@Nullable Object value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(SORTED.writeValueAsBytes(value)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot digest " + value, e);
        }
    }
}
