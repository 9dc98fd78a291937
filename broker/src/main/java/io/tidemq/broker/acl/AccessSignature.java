package io.tidemq.broker.acl;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Arrays;
import java.util.Map;

/**
 * The request signature of RocketMQ's plain ACL (what the official client's AclClientRPCHook sends): Base64 of
 * HmacSHA1, keyed with the account's secret, over the values of the request's header fields in the order of their
 * names (the Signature field itself and the unique-key query flag left out), followed by the body. Stateless.
 */
public final class AccessSignature {
    public static final String ACCESS_KEY = "AccessKey";
    public static final String SIGNATURE = "Signature";
    /** A field that the official tools add after signing (message queries by unique key). */
    static final String UNIQUE_KEY_QUERY = "_UNIQUE_KEY_QUERY";
    private static final String ALGORITHM = "HmacSHA1";

    private AccessSignature() {
    }

    /** The signed bytes of a request with these header fields and body. */
    public static byte[] content(Map<String, String> extFields, byte[] body) {
        byte[] fields = signedFields(extFields);
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
        return Base64.getEncoder().encodeToString(mac(secretKey).doFinal(content));
    }

    /** Whether {@code signature} is the one of {@code content} under {@code secretKey}, in constant time. */
    public static boolean verify(byte[] content, String secretKey, String signature) {
        return matches(mac(secretKey).doFinal(content), signature);
    }

    /**
     * Whether {@code signature} signs these fields and body under {@code secretKey}, in constant time; the same as
     * {@link #verify} on {@link #content}, without copying the body.
     */
    public static boolean verify(Map<String, String> extFields, byte[] body, String secretKey, String signature) {
        Mac mac = mac(secretKey);
        mac.update(signedFields(extFields));
        if (body != null) {
            mac.update(body);
        }
        return matches(mac.doFinal(), signature);
    }

    /** The values of the signed fields in the order of their names, as one UTF-8 text. */
    private static byte[] signedFields(Map<String, String> extFields) {
        if (extFields == null || extFields.isEmpty()) {
            return new byte[0];
        }
        String[] names = extFields.keySet().toArray(new String[0]);
        Arrays.sort(names);
        StringBuilder sb = new StringBuilder(256);
        for (String name : names) {
            String value = extFields.get(name);
            if (value != null && !SIGNATURE.equals(name) && !UNIQUE_KEY_QUERY.equals(name)) {
                sb.append(value);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean matches(byte[] expected, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] text = Base64.getEncoder().encode(expected);
        return MessageDigest.isEqual(text, signature.getBytes(StandardCharsets.UTF_8));
    }

    /** This thread's Mac keyed with {@code secretKey} (a Mac from the JCA per call costs more than the HMAC). */
    private static Mac mac(String secretKey) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        return mac;
    }

    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    });
}
