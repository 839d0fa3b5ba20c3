package dev.sandboxpolicy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the reactor's POMs: which modules are published (every module of the root POM that is a jar and does not
 * set {@code maven.deploy.skip}), by directory and artifactId.
 */
final class PublishedModules {

  /** The checkout root, from the build ({@code sandboxpolicy.root}), or {@code ..} when run from policy-cli. */
  static Path root() {
    return Path.of(System.getProperty("sandboxpolicy.root", "..")).toAbsolutePath().normalize();
  }

  static Document pom(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** The text of the first direct child element {@code name} of {@code parent}, or "" when absent. */
  static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    return "";
  }

  static Element childElement(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** Module directory name to artifactId, for every published module, in reactor order. */
  static Map<String, String> published() {
    Element root = pom(root().resolve("pom.xml")).getDocumentElement();
    NodeList modules = childElement(root, "modules").getElementsByTagName("module");
    Map<String, String> published = new LinkedHashMap<>();
    for (int i = 0; i < modules.getLength(); i++) {
      String dir = modules.item(i).getTextContent().strip();
      Path file = root().resolve(dir).resolve("pom.xml");
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Element project = pom(file).getDocumentElement();
      Element properties = childElement(project, "properties");
      boolean skipped = properties != null && child(properties, "maven.deploy.skip").equals("true");
      boolean jar = child(project, "packaging").isEmpty() || child(project, "packaging").equals("jar");
      if (!skipped && jar) {
        published.put(dir, child(project, "artifactId"));
      }
    }
    return published;
  }

  /** Whether the module's POM skips Javadoc (a skeleton without public types). */
  static boolean skipsJavadoc(String dir) {
    Element properties = childElement(pom(root().resolve(dir).resolve("pom.xml")).getDocumentElement(), "properties");
    return properties != null && child(properties, "maven.javadoc.skip").equals("true");
  }

  /** The artifactIds the BOM manages. */
  static List<String> bomArtifacts() {
    Element bom = pom(root().resolve("policy-bom/pom.xml")).getDocumentElement();
    NodeList deps = childElement(childElement(bom, "dependencyManagement"), "dependencies")
        .getElementsByTagName("dependency");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      ids.add(child(d, "groupId") + ":" + child(d, "artifactId") + ":" + child(d, "version"));
    }
    return ids;
  }

  private PublishedModules() {}
}
