package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsedArgsTest {

  private final OptionSpec spec =
      new OptionSpec()
          .flag("json", "")
          .value("host", "H", "")
          .value("output", "o", "FILE", "")
          .repeated("ancestor", "A", "");

  private ParsedArgs parse(String... args) throws CommandFailure {
    return ParsedArgs.parse("test", spec, List.of(args));
  }

  @Test
  void valuesFlagsRepeatsAndPositionalsInAnyOrder() throws CommandFailure {
    ParsedArgs a = parse("p.yaml", "--host=api.x.com", "--ancestor", "/bin/a", "--json", "-o", "out", "--ancestor=/b");
    assertEquals(List.of("p.yaml"), a.positionals());
    assertEquals(Optional.of("api.x.com"), a.value("host"));
    assertEquals(Optional.of("out"), a.value("output"));
    assertEquals(List.of("/bin/a", "/b"), a.values("ancestor"));
    assertTrue(a.flag("json"));
    assertFalse(a.help());
  }

  @Test
  void doubleDashEndsOptionsAndLoneDashIsPositional() throws CommandFailure {
    ParsedArgs a = parse("-", "--", "--json", "-o");
    assertEquals(List.of("-", "--json", "-o"), a.positionals());
    assertFalse(a.flag("json"));
  }

  @Test
  void usageErrorsAreReportedWithExitTwo() {
    CommandFailure missing = assertThrows(CommandFailure.class, () -> parse("--host"));
    assertEquals(ExitCode.USAGE, missing.exitCode());
    assertTrue(missing.getMessage().startsWith("--host needs a value"), missing.getMessage());
    assertTrue(assertThrows(CommandFailure.class, () -> parse("--host", "a", "--host", "b"))
        .getMessage().contains("more than once"));
    assertTrue(assertThrows(CommandFailure.class, () -> parse("--json=yes")).getMessage().contains("takes no value"));
    assertTrue(assertThrows(CommandFailure.class, () -> parse("-x")).getMessage().contains("unknown option -x"));
  }

  @Test
  void portMustBeInRange() throws CommandFailure {
    OptionSpec ports = new OptionSpec().value("port", "P", "");
    assertEquals(Optional.of(443), ParsedArgs.parse("t", ports, List.of("--port", "443")).port("port"));
    for (String bad : new String[] {"0", "65536", "https", "-1", "44 3"}) {
      CommandFailure f =
          assertThrows(CommandFailure.class, () -> ParsedArgs.parse("t", ports, List.of("--port=" + bad)).port("port"));
      assertEquals(ExitCode.USAGE, f.exitCode());
    }
  }
}
