package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** What a published library needs: a licence, POM metadata, and a BOM that lists every published module. */
class PublishingTest {

  @Test
  void theBomManagesExactlyThePublishedModulesAtTheProjectVersion() {
    List<String> expected = PublishedModules.published().values().stream()
        .map(a -> "dev.sandboxpolicy:" + a + ":${project.version}")
        .sorted()
        .toList();
    assertTrue(expected.contains("dev.sandboxpolicy:policy-cli:${project.version}"), expected::toString);
    assertTrue(expected.size() >= 10, expected::toString);
    assertEquals(expected, PublishedModules.bomArtifacts().stream().sorted().toList());
    Element parent = PublishedModules.pom(PublishedModules.root().resolve("pom.xml")).getDocumentElement();
    Element bom = PublishedModules.pom(PublishedModules.root().resolve("policy-bom/pom.xml")).getDocumentElement();
    assertEquals(PublishedModules.child(parent, "version"), PublishedModules.child(bom, "version"));
    assertEquals(PublishedModules.child(parent, "groupId"), PublishedModules.child(bom, "groupId"));
  }

  @Test
  void thePomsCarryTheMetadataCentralRequires() {
    Element parent = PublishedModules.pom(PublishedModules.root().resolve("pom.xml")).getDocumentElement();
    Element bom = PublishedModules.pom(PublishedModules.root().resolve("policy-bom/pom.xml")).getDocumentElement();
    for (Element project : List.of(parent, bom)) {
      assertTrue(PublishedModules.child(project, "description").length() > 20);
      assertTrue(PublishedModules.child(project, "url").startsWith("https://"));
      assertEquals("Apache-2.0", PublishedModules.child(
          PublishedModules.childElement(PublishedModules.childElement(project, "licenses"), "license"), "name"));
      assertTrue(PublishedModules.child(PublishedModules.childElement(project, "scm"), "connection").startsWith("scm:git:"));
      assertTrue(PublishedModules.childElement(project, "developers") != null);
    }
    // The BOM has no parent, so its copy of the metadata must match the parent's.
    assertEquals(PublishedModules.child(parent, "url"), PublishedModules.child(bom, "url"));
    assertEquals(PublishedModules.childElement(parent, "scm").getTextContent().strip(),
        PublishedModules.childElement(bom, "scm").getTextContent().strip());
    assertEquals(PublishedModules.child(parent, "url"), LibraryVersion.url(), "the CLI (SARIF) reports the POM's url");
  }

  @Test
  void theLicenceIsApache2() throws IOException {
    String licence = Files.readString(PublishedModules.root().resolve("LICENSE"));
    assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"));
    assertTrue(licence.contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION"));
  }
}
