package dev.sandboxpolicy.matcher;

import java.util.Objects;
import java.util.Optional;

/**
 * One JSON-RPC call (spec §3.8): its method and, for MCP, {@code params.name} (the tool name). Only a string name
 * can match a {@code tool}/{@code params.name} rule; a missing, null or non-string name never does.
 *
 * <pre>{@code
 * JsonRpcCall.of("tools/call").withParamsName("search_issues");
 * }</pre>
 */
public final class JsonRpcCall {
  private final String method;
  private final Optional<String> paramsName;

  private JsonRpcCall(String method, Optional<String> paramsName) {
    this.method = Objects.requireNonNull(method, "method");
    this.paramsName = paramsName;
  }

  /**
   * A call without a string {@code params.name}.
   *
   * @param method the method, e.g. {@code tools/call}
   * @return the call
   */
  public static JsonRpcCall of(String method) {
    return new JsonRpcCall(method, Optional.empty());
  }

  /**
   * Returns a copy whose {@code params.name} is the given string.
   *
   * @param name the tool name
   * @return the new call
   */
  public JsonRpcCall withParamsName(String name) {
    return new JsonRpcCall(method, Optional.of(name));
  }

  /**
   * Returns the method.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns {@code params.name} when it is a string.
   *
   * @return the name
   */
  public Optional<String> paramsName() {
    return paramsName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonRpcCall c && method.equals(c.method) && paramsName.equals(c.paramsName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, paramsName);
  }

  @Override
  public String toString() {
    return "JsonRpcCall[" + method + paramsName.map(n -> " name=" + n).orElse("") + "]";
  }
}
