package io.tidemq.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a config object as a property key (the field name is the key) and says what it means. Only
 * annotated fields are bound by {@link ConfigBinder}; {@code docs/configuration.md} is generated from these
 * annotations, so the text here is the user-facing documentation of the key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ConfigKey {
    /** What the setting does, in a sentence or two. */
    String doc();

    /** Where the key comes from; {@link Origin#APACHE} keys carry Apache RocketMQ 4.9.3's meaning. */
    Origin origin() default Origin.APACHE;

    /**
     * The default in words when it depends on the machine or the environment (cores, addresses, home folder);
     * empty when the field's initial value is the default.
     */
    String defaultText() default "";

    /** Printed by {@code -m} (the "important" settings). */
    boolean important() default false;

    /** Takes effect without a restart when changed by UPDATE_BROKER_CONFIG / UPDATE_NAMESRV_CONFIG. */
    boolean live() default false;

    /**
     * Non-empty: the key is accepted for compatibility but changes nothing here; the text says why. The server
     * logs one warning at boot naming such keys found in its file.
     */
    String noEffect() default "";

    /**
     * Non-empty: only the default value is accepted; any other value stops start-up with this text. For settings
     * that would change safety or security if they were silently ignored.
     */
    String onlyDefault() default "";

    /** A credential: printed and answered as {@code ******} when set, never in clear. */
    boolean secret() default false;

    /** Where a key was defined first. */
    enum Origin {
        /** Bound by Apache RocketMQ 4.9.3 from its {@code -c} file. */
        APACHE,
        /**
         * Not read by Apache 4.9.3, but found in widely copied configuration templates; honoured here unless
         * marked {@link ConfigKey#noEffect()}.
         */
        TEMPLATE,
        /** Defined by RocketMQ 5 (used with the same meaning where 4.9 has no key). */
        ROCKETMQ5,
        /** A TideMQ addition. */
        TIDEMQ
    }
}
