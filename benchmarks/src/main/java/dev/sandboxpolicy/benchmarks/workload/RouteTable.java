package dev.sandboxpolicy.benchmarks.workload;

import java.util.List;

/**
 * The path-only workload: a route table in the style of Spring's own {@code PathMatchingBenchmark} (static routes,
 * one-segment wildcards, in-segment wildcards, trailing {@code /**}) and request paths that hit early routes, late
 * routes and no route. Only patterns on which our glob semantics (spec §3.2, delimiter {@code /}), Spring's {@code
 * PathPattern} and NIO's {@code glob:} agree for these paths are used, so every contender computes the same answer.
 */
public final class RouteTable {
  /** The patterns, in router order (first match wins). */
  public static final List<String> PATTERNS =
      List.of(
          "/",
          "/favicon.ico",
          "/login",
          "/logout",
          "/health",
          "/api/v1/users",
          "/api/v1/users/*",
          "/api/v1/users/*/orders",
          "/api/v1/users/*/orders/*",
          "/api/v1/orders/*/items/*",
          "/api/v1/products",
          "/api/v1/products/*",
          "/api/v1/products/*/reviews",
          "/api/v2/search",
          "/api/v2/search/*",
          "/assets/js/*.js",
          "/assets/css/*.css",
          "/repos/*/*/pulls",
          "/repos/*/*/pulls/*",
          "/repos/*/*/issues/*/comments",
          "/v1/chat/completions",
          "/v1/models/**",
          "/static/**",
          "/docs/**");

  /** The request paths: early hits, late hits, deep trailing-{@code **} hits, and misses (404). */
  public static final List<String> PATHS =
      List.of(
          "/login",
          "/api/v1/users/42",
          "/api/v1/users/42/orders/1001",
          "/api/v1/orders/7/items/3",
          "/api/v1/products/1234/reviews",
          "/api/v2/search/widgets",
          "/assets/js/app.3f9c2a.js",
          "/assets/css/site.css",
          "/repos/acme/widget/pulls/17",
          "/repos/acme/widget/issues/99/comments",
          "/v1/chat/completions",
          "/v1/models/meta/llama-3.1-8b-instruct",
          "/static/img/icons/logo.svg",
          "/docs/guide/getting-started/install.html",
          "/api/v3/unknown/endpoint",
          "/repos/acme/widget/branches/main");

  /** The §2.1 anchor pattern of the design notes, matched against {@link #ANCHOR_PATH}. */
  public static final String ANCHOR_PATTERN = "/v1/accounts/*/transactions/**";

  /** A 45-character path the anchor pattern matches. */
  public static final String ANCHOR_PATH = "/v1/accounts/12345/transactions/67890/details";

  private RouteTable() {}
}
