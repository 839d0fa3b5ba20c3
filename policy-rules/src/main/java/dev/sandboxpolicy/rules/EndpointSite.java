package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.Endpoint;
import java.util.Locale;

/**
 * An endpoint together with where it sits: the entry key, the entry's display name, its index in the entry's
 * {@code endpoints} and its JSON Pointer.
 */
record EndpointSite(String key, String displayName, int index, String pointer, Endpoint endpoint) {

  /** The protocol lower-cased and trimmed ({@code ""} when absent). */
  String protocol() {
    return endpoint.protocol().trim().toLowerCase(Locale.ROOT);
  }

  /** {@code P/field}. */
  String at(String field) {
    return pointer + "/" + field;
  }
}
