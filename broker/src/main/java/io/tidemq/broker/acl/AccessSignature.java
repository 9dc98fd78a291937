package io.tidemq.broker.acl;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request signature of RocketMQ's plain ACL (what the official client's AclClientRPCHook sends): Base64 of
 * HmacSHA1, keyed with the account's secret, over the values of the request's header fields in the order of their
 * names (the Signature field itself and the unique-key query flag left out), followed by the body. Stateless.
 */
public final class AccessSignature {
    public static final String ACCESS_KEY = "AccessKey";
    public static final String SIGNATURE = "Signature";
    public static final String SECURITY_TOKEN = "SecurityToken";
    /** A field that the official tools add after signing (message queries by unique key). */
    static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";
    private static final String ALGORITHM = "HmacSHA1";

    private AccessSignature() {
    }

    /** The signed bytes of a request with these header fields and body. */
    public static byte[] content(Map<String, String> extFields, byte[] body) {
        StringBuilder sb = new StringBuilder();
        if (extFields != null) {
            for (Map.Entry<String, String> e : new TreeMap<>(extFields).entrySet()) {
                if (!SIGNATURE.equals(e.getKey()) && !UNIQUE_KEY_QUERY.equals(e.getKey()) && e.getValue() != null) {
                    sb.append(e.getValue());
                }
            }
        }
        byte[] fields = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return fields;
        }
        byte[] all = new byte[fields.length + body.length];
        System.arraycopy(fields, 0, all, 0, fields.length);
        System.arraycopy(body, 0, all, fields.length, body.length);
        return all;
    }

    /** Base64 HmacSHA1 of {@code content} under {@code secretKey}. */
    public static String sign(byte[] content, String secretKey) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }

    /** Whether {@code signature} is the one of {@code content} under {@code secretKey}, in constant time. */
    public static boolean verify(byte[] content, String secretKey, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(content, secretKey).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}
