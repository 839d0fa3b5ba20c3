/** policyctl: the command line and the stdio protocol. */
module dev.sandboxpolicy.cli {
  requires dev.sandboxpolicy.model;
  requires dev.sandboxpolicy.io;
  requires dev.sandboxpolicy.schema;
  requires dev.sandboxpolicy.matcher;
  requires dev.sandboxpolicy.merge;
  requires dev.sandboxpolicy.analysis;
  requires dev.sandboxpolicy.traffic;
  requires tools.jackson.core;
  requires tools.jackson.databind;
  requires info.picocli;
  requires org.eclipse.lsp4j;
  requires org.eclipse.lsp4j.jsonrpc;
  requires com.google.gson;
  requires java.logging; // LSP4J logs through java.util.logging: the server keeps it to one line per warning
  requires java.xml;

  exports dev.sandboxpolicy.cli;

  // picocli instantiates the (package-private) command classes and sets their annotated fields reflectively.
  opens dev.sandboxpolicy.cli to
      info.picocli;
}
