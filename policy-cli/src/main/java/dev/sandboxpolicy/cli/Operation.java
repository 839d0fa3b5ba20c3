package dev.sandboxpolicy.cli;

import tools.jackson.databind.node.ObjectNode;

/** One operation of the stdio protocol: turns a request into the fields of an {@code ok: true} response. */
@FunctionalInterface
interface Operation {

  /**
   * Answers one request.
   *
   * @param request the request's fields ({@code op} and {@code id} included)
   * @param response an empty object to fill; {@code ok: true} and the {@code id} are added by the server
   * @throws ProtocolError to answer {@code ok: false} with that error
   */
  void apply(RequestFields request, ObjectNode response) throws ProtocolError;

  /** Drops whatever this operation keeps between requests (a cache): the server ran out of memory. */
  default void releaseMemory() {}
}
