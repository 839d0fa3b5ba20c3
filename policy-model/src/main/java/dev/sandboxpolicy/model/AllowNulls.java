package dev.sandboxpolicy.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Tells the Immutables processor that a map attribute may hold {@code null} values (YAML {@code null}). */
@Target({ElementType.METHOD})
@Retention(RetentionPolicy.CLASS)
@interface AllowNulls {}
