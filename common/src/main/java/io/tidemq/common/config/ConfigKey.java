package io.tidemq.common.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Extra spellings a config field also answers to, and whether {@code -m} ("important") prints it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ConfigKey {
    String[] aliases() default {};

    boolean important() default false;
}
