package dev.sandboxpolicy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpVersionTest {

  @Test
  void onlyTheExactStableRevisionsAreRevisions() {
    assertEquals(Optional.of(McpVersion.V2025_03_26), McpVersion.fromWireName("2025-03-26"));
    assertEquals(Optional.of(McpVersion.V2025_06_18), McpVersion.fromWireName("2025-06-18"));
    assertEquals(Optional.of(McpVersion.V2025_11_25), McpVersion.fromWireName("2025-11-25"));
    for (String notOne : Arrays.asList("", " 2025-11-25", "2025-11-25 ", "2025-11-25\0", "draft", "latest",
        "DRAFT", "2024-11-05", "2025-11-26", "2025-1-25", "２０２５-11-25", null)) {
      assertTrue(McpVersion.fromWireName(notOne).isEmpty(), "'" + notOne + "' must not be a revision");
    }
  }

  @Test
  void constantsAreInRevisionOrderAndTheDefaultIsPinned() {
    McpVersion[] all = McpVersion.values();
    for (int i = 1; i < all.length; i++) {
      assertTrue(all[i - 1].wireName().compareTo(all[i].wireName()) < 0, all[i].wireName());
    }
    assertEquals("2025-11-25", McpVersion.DEFAULT.wireName());
    assertEquals("2025-03-26", McpVersion.WITHOUT_HEADER.wireName());
  }

  @Test
  void anAbsentListAdmitsExactlyTheDefault() {
    McpOptions none = McpOptions.builder().build();
    assertTrue(none.versions().isEmpty());
    assertEquals(List.of(McpVersion.V2025_11_25), none.effectiveVersions());
    assertEquals(List.of(McpVersion.V2025_11_25), Endpoint.builder().protocol("mcp").build().effectiveMcpVersions());
  }

  @Test
  void aWrittenListIsKeptAsWrittenAndAdmittedSortedWithoutDuplicates() {
    McpOptions mcp = McpOptions.builder().versions(List.of("2025-11-25", "2025-03-26", "2025-11-25")).build();
    assertEquals(Optional.of(List.of("2025-11-25", "2025-03-26", "2025-11-25")), mcp.versions());
    assertEquals(List.of(McpVersion.V2025_03_26, McpVersion.V2025_11_25), mcp.effectiveVersions());
    Endpoint e = Endpoint.builder().protocol("mcp").mcp(mcp).build();
    assertEquals(mcp.effectiveVersions(), e.effectiveMcpVersions());
  }

  @Test
  void entriesThatAreNotRevisionsAdmitNothingSoAnEmptyOrUnknownListFailsClosed() {
    assertEquals(List.of(), McpOptions.builder().versions(List.of()).build().effectiveVersions());
    assertEquals(List.of(), McpOptions.builder().versions(List.of("latest", " 2025-11-25")).build().effectiveVersions());
    assertEquals(List.of(McpVersion.V2025_06_18),
        McpOptions.builder().versions(List.of("draft", "2025-06-18")).build().effectiveVersions());
  }

  @Test
  void versionsTakePartInEquality() {
    McpOptions absent = McpOptions.builder().build();
    McpOptions explicit = McpOptions.builder().versions(List.of("2025-11-25")).build();
    assertTrue(!absent.equals(explicit), "the model keeps what was written; the canonical form equates them");
    assertEquals(absent.effectiveVersions(), explicit.effectiveVersions());
  }
}
