package dev.sandboxpolicy.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.matcher.GraphqlOperation;
import dev.sandboxpolicy.matcher.GraphqlRequest;
import dev.sandboxpolicy.matcher.JsonRpcCall;
import dev.sandboxpolicy.matcher.JsonRpcRequest;
import dev.sandboxpolicy.model.net.IpAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

  @Test
  void shorthandCatalogueEveryRowOfTheSpecTable() {
    Logs.Read r = Logs.read("shorthand-catalogue.log");
    assertEquals(27, r.stats().lines());
    assertEquals(21, r.stats().events());
    assertEquals(6, r.stats().skippedLines());
    assertEquals(Map.of("not_a_decision", 5L, "tunnel_closed", 1L), r.stats().skippedByCategory());
    assertEquals(0, r.stats().malformedLines());

    LogEvent connect = r.atLine(1); // row 1
    assertEquals(EventKind.CONNECT, connect.kind());
    assertEquals(TrafficVerdict.ALLOW, connect.loggedDecision());
    assertEquals(Optional.of("/usr/bin/curl"), connect.binary());
    assertEquals(4242, connect.pid().getAsLong());
    assertEquals("api.github.com", connect.host());
    assertEquals(443, connect.port());
    assertEquals(Layer.L4, connect.layer());
    assertEquals(Optional.of("github_api"), connect.policy());
    assertEquals("opa", connect.engine());
    assertEquals(LogFormat.SHORTHAND, connect.format());
    assertEquals(Optional.empty(), connect.time());
    assertEquals(Optional.empty(), connect.ancestors());

    LogEvent denied = r.atLine(2); // row 2
    assertEquals(EventKind.CONNECT, denied.kind());
    assertEquals(TrafficVerdict.DENY, denied.loggedDecision());
    assertEquals(Optional.empty(), denied.policy());
    assertEquals("endpoint example.org:443 is not allowed by any policy", denied.reason());

    LogEvent binaryDenial = r.atLine(3);
    assertEquals(Optional.of(List.of("/bin/bash")), binaryDenial.ancestors());
    assertTrue(binaryDenial.reason().endsWith("(e.g., /..."), binaryDenial.reason());

    assertEquals(EventKind.CONNECT_SSRF, r.atLine(4).kind()); // row 3
    LogEvent forward = r.atLine(5); // row 4
    assertEquals(EventKind.FORWARD, forward.kind());
    assertEquals(Layer.L7, forward.layer());
    assertEquals(80, forward.port());
    assertEquals(Optional.of("GET"), forward.method());
    assertEquals(Optional.of("/simple/requests/"), forward.path());
    assertEquals(EventKind.FORWARD, r.atLine(6).kind()); // row 5
    assertEquals(TrafficVerdict.DENY, r.atLine(6).loggedDecision());
    assertEquals(EventKind.FORWARD_SSRF, r.atLine(7).kind()); // row 6
    assertEquals(8080, r.atLine(7).port());
    LogEvent forwardL7 = r.atLine(8); // row 7
    assertEquals(EventKind.FORWARD_L7, forwardL7.kind());
    assertEquals("api.example.com", forwardL7.host());

    LogEvent tunnel = r.atLine(9); // row 8: no actor, correlated with line 1's CONNECT
    assertEquals(EventKind.TUNNEL_L7, tunnel.kind());
    assertEquals(Optional.of("/usr/bin/curl"), tunnel.binary());
    assertTrue(tunnel.binaryCorrelated());
    assertEquals(4242, tunnel.pid().getAsLong());
    assertEquals(Optional.of("/repos/NVIDIA/OpenShell"), tunnel.path());
    assertEquals(TrafficVerdict.DENY, r.atLine(10).loggedDecision());
    assertTrue(r.atLine(10).binaryCorrelated());

    LogEvent graphql = r.atLine(11); // row 9: its policy key opened no logged CONNECT
    assertEquals(EventKind.TUNNEL_L7, graphql.kind());
    assertEquals(Optional.empty(), graphql.binary());
    assertFalse(graphql.binaryCorrelated());
    assertEquals(
        Optional.of(GraphqlRequest.of(List.of(GraphqlOperation.of("mutation", "", List.of("deleteRepository"))))),
        graphql.graphql());

    LogEvent upgrade = r.atLine(12); // row 10
    assertEquals(EventKind.WEBSOCKET_UPGRADE, upgrade.kind());
    assertEquals(TrafficVerdict.ALLOW, upgrade.loggedDecision());
    assertEquals(EventKind.PARSE_REJECTION, r.atLine(13).kind()); // row 11
    assertFalse(r.atLine(13).kind().isPolicyDecision());
    // line 14 (row 12) is skipped
    assertTrue(r.events().stream().noneMatch(e -> e.line() == 14));
    assertEquals(EventKind.UNINSPECTABLE_TUNNEL, r.atLine(15).kind()); // row 13
    LogEvent bypass = r.atLine(16); // row 14
    assertEquals(EventKind.PROXY_BYPASS, bypass.kind());
    assertEquals("93.184.216.34", bypass.host());
    assertEquals(EventKind.CREDENTIAL_MISMATCH, r.atLine(17).kind()); // row 15
    assertEquals(EventKind.TRANSPARENT_TCP, r.atLine(18).kind()); // row 16a
    assertEquals(TrafficVerdict.ALLOW, r.atLine(18).loggedDecision());
    assertEquals(EventKind.TRANSPARENT_TCP, r.atLine(19).kind()); // row 16b, policy
    assertEquals(EventKind.TRANSPARENT_TCP_MAPPING, r.atLine(20).kind()); // row 16b, mapping

    LogEvent mcpAudit = r.atLine(21);
    assertEquals(TrafficVerdict.AUDIT, mcpAudit.loggedDecision());
    assertEquals(Optional.of(JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("move_head"))),
        mcpAudit.jsonRpc());
    assertEquals(TrafficVerdict.ALLOW, r.atLine(22).loggedDecision());
  }

  @Test
  void openshellLogsFormTimesSkipsAndAmbiguousTunnels() {
    Logs.Read r = Logs.read("openshell-logs.log");
    assertEquals(8, r.stats().lines());
    assertEquals(5, r.stats().events());
    assertEquals(Map.of("not_ocsf", 2L, "not_a_decision", 1L), r.stats().skippedByCategory());
    LogEvent first = r.atLine(1);
    assertEquals(LogFormat.OPENSHELL_LOGS, first.format());
    assertEquals(Optional.of(Instant.ofEpochMilli(1755770400123L)), first.time());
    assertEquals(Optional.of("/usr/bin/gh"), r.atLine(3).binary()); // only gh had opened the tunnel
    assertTrue(r.atLine(3).binaryCorrelated());
    // curl opened a second connection to the same destination and key: line 5 cannot be attributed
    assertEquals(Optional.empty(), r.atLine(5).binary());
    assertEquals(TrafficVerdict.DENY, r.atLine(8).loggedDecision());
  }

  @Test
  void supervisorFileFormWithTracingLinesAndAnsiColours() {
    Logs.Read r = Logs.read("supervisor.log");
    assertEquals(4, r.stats().events());
    assertEquals(Map.of("not_ocsf", 2L), r.stats().skippedByCategory());
    assertEquals(LogFormat.SUPERVISOR, r.atLine(1).format());
    assertEquals(Optional.of(Instant.parse("2026-08-21T10:00:00.123Z")), r.atLine(1).time());
    assertEquals(Optional.of("/usr/bin/pip"), r.atLine(3).binary());
    LogEvent coloured = r.atLine(6);
    assertEquals(TrafficVerdict.DENY, coloured.loggedDecision());
    assertEquals(Optional.of("/usr/bin/pip"), coloured.binary());
    assertEquals(Optional.of("/legacy/"), coloured.path());
  }

  @Test
  void ocsfJsonLinesWithAuditAncestorsAndBodies() {
    Logs.Read r = Logs.read("ocsf.jsonl");
    assertEquals(7, r.stats().lines());
    assertEquals(6, r.stats().events());
    assertEquals(Map.of("not_a_decision", 1L), r.stats().skippedByCategory());
    LogEvent denied = r.atLine(1);
    assertEquals(LogFormat.OCSF_JSONL, denied.format());
    assertEquals(Optional.of(List.of("/bin/bash")), denied.ancestors());
    assertEquals(Optional.of("sb-123"), denied.sandbox());
    assertEquals("endpoint example.org:443 is not allowed by any policy", denied.reason());
    assertEquals(Optional.of(Instant.ofEpochMilli(1755770400123L)), denied.time());

    LogEvent audit = r.atLine(2); // ALLOWED in the action, audit only in the message
    assertEquals(TrafficVerdict.AUDIT, audit.loggedDecision());
    assertEquals(EventKind.TUNNEL_L7, audit.kind());

    LogEvent tunnel = r.atLine(5);
    assertEquals(Optional.of("/usr/bin/gh"), tunnel.binary());
    assertEquals(Optional.of(List.of("/bin/bash", "/sbin/init")), tunnel.ancestors());
    assertTrue(tunnel.binaryCorrelated());
    assertEquals(TrafficVerdict.ALLOW, tunnel.loggedDecision());

    LogEvent graphql = r.atLine(6);
    assertEquals(Optional.of(GraphqlRequest.of(List.of(
        GraphqlOperation.of("query", "Viewer", List.of("viewer", "rateLimit"))))), graphql.graphql());
    assertEquals(EventKind.TRANSPARENT_TCP, r.atLine(7).kind());
    assertEquals(Optional.of(List.of()), r.atLine(7).ancestors()); // a lone "-" parent: no ancestors
  }

  @Test
  void requestJsonLines() {
    Logs.Read r = Logs.read("requests.jsonl");
    assertEquals(6, r.stats().events());
    assertEquals(Map.of("blank", 1L), r.stats().skippedByCategory());
    // Line 8 is read by the decoder that check --requests and the stdio decide use: the same message.
    assertEquals(1, r.stats().malformedLines());
    assertEquals(8, r.stats().malformedSamples().get(0).line());
    assertEquals("'port' must be an integer from 0 to 65535", r.stats().malformedSamples().get(0).reason());
    LogEvent get = r.atLine(1);
    assertEquals(LogFormat.REQUEST_JSONL, get.format());
    assertEquals(EventKind.REQUEST, get.kind());
    assertEquals(TrafficVerdict.ALLOW, get.loggedDecision());
    assertEquals(Optional.of(Instant.parse("2026-08-21T10:00:00Z")), get.time());
    LogEvent target = r.atLine(2);
    assertEquals(Optional.of("/repos/acme/widgets"), target.path());
    assertEquals(Map.of("force", List.of("1")), target.query());
    LogEvent l4 = r.atLine(3);
    assertEquals(Layer.L4, l4.layer());
    assertEquals(TrafficVerdict.UNKNOWN, l4.loggedDecision());
    LogEvent audit = r.atLine(5);
    assertEquals(TrafficVerdict.AUDIT, audit.loggedDecision());
    assertEquals(Optional.of(List.of("/bin/bash")), audit.ancestors());
    assertTrue(audit.graphql().isPresent());
    LogEvent resolved = r.atLine(6);
    assertEquals(List.of("/work/repo"), resolved.cmdlinePaths());
    assertEquals(List.of(IpAddress.parse("169.254.169.254")), resolved.resolvedAddresses());
    assertEquals(Optional.of(List.of()), resolved.ancestors(), "a request line without ancestors has none");
    LogEvent mcp = r.atLine(7);
    assertEquals(List.of("2025-06-18", "2025-03-26"), mcp.mcpProtocolVersionHeaders());
    assertEquals(Optional.of(JsonRpcRequest.single(JsonRpcCall.of("tools/call").withParamsName("search"))),
        mcp.jsonRpc());
    assertEquals(List.of(), get.cmdlinePaths());
    assertEquals(List.of(), get.resolvedAddresses());
    assertEquals(List.of(), get.mcpProtocolVersionHeaders());
  }

  @Test
  void linesThatAreNotUtf8AreMalformedAndOtherCharactersAreRead() throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes("NET:OPEN [INFO] ALLOWED /usr/bin/g\u00e9(1) -> a.example:443 [policy:a engine:opa]\n"
        .getBytes(StandardCharsets.UTF_8));
    in.writeBytes("NET:OPEN [INFO] ALLOWED /usr/bin/g".getBytes(StandardCharsets.UTF_8));
    in.writeBytes(new byte[] {(byte) 0xE9}); // Latin-1, not UTF-8
    in.writeBytes("(1) -> b.example:443 [policy:b engine:opa]\n".getBytes(StandardCharsets.UTF_8));
    try (LogReader r = LogReader.of(new ByteArrayInputStream(in.toByteArray()), "-")) {
      assertEquals(Optional.of("/usr/bin/g\u00e9"), r.next().binary());
      assertEquals(null, r.next());
      assertEquals(1, r.stats().malformedLines());
      assertEquals(MalformedLine.of("-", 2, "line is not valid UTF-8"), r.stats().malformedSamples().get(0));
    }
  }

  @Test
  void malformedLinesAreCountedWithLineNumbersAndReadingGoesOn() {
    Logs.Read r = Logs.read("malformed.log");
    assertEquals(12, r.stats().lines());
    assertEquals(2, r.stats().events());
    assertEquals(10, r.stats().malformedLines());
    List<Long> lines = r.stats().malformedSamples().stream().map(MalformedLine::line).toList();
    assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 12L), lines);
    assertTrue(r.stats().malformedSamples().get(9).reason().contains("cut short"), r.stats().malformedSamples().get(9).reason());
    assertTrue(r.stats().malformedSamples().get(2).reason().contains("'port'"), r.stats().malformedSamples().get(2).reason());
    assertEquals(11, r.events().get(1).line());
  }

  @Test
  void gzipIsRecognisedByItsMagicBytesAndFormatsMayMix(@TempDir Path dir) throws IOException {
    String mixed = Files.readString(Logs.fixture("openshell-logs.log"))
        + Files.readString(Logs.fixture("ocsf.jsonl"))
        + Files.readString(Logs.fixture("shorthand-catalogue.log"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(mixed.getBytes(StandardCharsets.UTF_8));
    }
    Path file = dir.resolve("mixed.log"); // no .gz suffix: detection is by content
    Files.write(file, bytes.toByteArray());
    Logs.Read r = Logs.read(file);
    assertEquals(8 + 7 + 27, r.stats().lines());
    assertEquals(5 + 6 + 21, r.stats().events());
    assertEquals(Map.of(LogFormat.OPENSHELL_LOGS, 5L, LogFormat.OCSF_JSONL, 6L, LogFormat.SHORTHAND, 21L),
        r.stats().eventsByFormat());
  }

  @Test
  void tooLongLineIsMalformedAndCrLfIsAccepted() throws IOException {
    String longLine = "x".repeat(LogReader.MAX_LINE_BYTES + 10);
    String text = "NET:OPEN [INFO] ALLOWED /usr/bin/gh(1) -> a.example:443 [policy:a engine:opa]\r\n" + longLine
        + "\nNET:OPEN [INFO] ALLOWED /usr/bin/gh(1) -> b.example:443 [policy:b engine:opa]";
    try (LogReader r = LogReader.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "-")) {
      LogEvent a = r.next();
      assertEquals(Optional.of("a"), a.policy());
      LogEvent b = r.next();
      assertEquals("b.example", b.host());
      assertEquals(3, b.line());
      assertEquals(null, r.next());
      assertEquals(1, r.stats().malformedLines());
      assertEquals(2, r.stats().malformedSamples().get(0).line());
    }
  }

  @Test
  void readStatsPlusIsAssociativeAndKeepsTheFirstSamples() {
    ReadStats a = Logs.read("malformed.log").stats();
    ReadStats b = Logs.read("shorthand-catalogue.log").stats();
    ReadStats c = Logs.read("openshell-logs.log").stats();
    assertEquals(a.plus(b).plus(c), a.plus(b.plus(c)));
    assertEquals(a.plus(b), b.plus(a));
    assertEquals(3, a.plus(b).plus(c).sources());
  }
}
