package io.tidemq.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a final field holding a section of a config object (an object with {@link ConfigKey} fields of its own):
 * a binder binds the section's keys as if they were the owner's, at the place of the field, so one component's
 * settings can be split by concern while keeping their property keys.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ConfigSection {
}
