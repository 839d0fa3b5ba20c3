package dev.sandboxpolicy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxpolicy.model.Landlock;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link LayoutCode} is generated from {@link DocumentLayout}'s table: this test generates it again and fails when
 * the committed source differs, so the table stays the one source of each key. After changing the table, run it
 * with {@code -Dlayout.writeCode=true} to rewrite the source:
 *
 * <pre>{@code
 * mvn -B -o -pl policy-io -am test -Dtest=LayoutCodeTest -Dlayout.writeCode=true -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 *
 * <p>The generated code calls, for each field of a plain or nested kind, the model's getter and the builder's
 * setter named as the key in camelCase; a field with its own reader and writer is called through the table. What
 * each kind writes is said once, here, for the tree and for the generator events alike; {@code
 * StreamedWritingTest} checks that the two agree on every document of the repository.
 */
class LayoutCodeTest {

  private static final Path SOURCE =
      Path.of("src", "main", "java", "dev", "sandboxpolicy", "io", "LayoutCode.java");

  @Test
  void theCommittedCodeIsTheCodeOfTheTable() throws IOException {
    String expected = generate();
    String actual = Files.exists(SOURCE) ? Files.readString(SOURCE, StandardCharsets.UTF_8) : "";
    if (!expected.equals(actual) && Boolean.getBoolean("layout.writeCode")) {
      Files.writeString(SOURCE, expected, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(expected, actual, SOURCE + " is not the code of DocumentLayout's table: regenerate it with"
        + " -Dlayout.writeCode=true (see this test's documentation)");
  }

  @Test
  void everyShapeIsNamedAfterItsConstant() throws IllegalAccessException {
    Map<String, MappingShape<?, ?>> shapes = shapes();
    assertTrue(shapes.size() > 20, shapes.keySet().toString());
    for (Map.Entry<String, MappingShape<?, ?>> e : shapes.entrySet()) {
      assertEquals(e.getKey(), e.getValue().name());
    }
  }

  @Test
  void aShapeWithoutGeneratedCodeSaysHowToRegenerateIt() {
    MappingShape<Landlock, Landlock.Builder> shape =
        MappingShape.<Landlock, Landlock.Builder>of("NOT_IN_THE_TABLE", "a test mapping", Landlock.class);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> shape.write(new DocumentTree(false), Landlock.builder().build()));
    assertTrue(e.getMessage().contains("NOT_IN_THE_TABLE") && e.getMessage().contains("-Dlayout.writeCode=true"),
        e.getMessage());
  }

  // ---------------------------------------------------------------- the generator

  /** Every shape of the table by the name of its constant, in name order. */
  private static Map<String, MappingShape<?, ?>> shapes() throws IllegalAccessException {
    Map<String, MappingShape<?, ?>> shapes = new LinkedHashMap<>();
    List<java.lang.reflect.Field> constants = new ArrayList<>();
    for (java.lang.reflect.Field f : DocumentLayout.class.getDeclaredFields()) {
      if (f.getType() == MappingShape.class && Modifier.isStatic(f.getModifiers())) {
        constants.add(f);
      }
    }
    constants.sort(Comparator.comparing(java.lang.reflect.Field::getName));
    for (java.lang.reflect.Field f : constants) {
      shapes.put(f.getName(), (MappingShape<?, ?>) f.get(null));
    }
    return shapes;
  }

  /** The source of {@link LayoutCode} for the table as it is. */
  static String generate() {
    try {
      return new Generator(shapes()).source();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Generator {

    private final Map<String, MappingShape<?, ?>> shapes;
    private final TreeSet<String> imports = new TreeSet<>();
    private final TreeSet<String> lists = new TreeSet<>();
    private final TreeSet<String> maps = new TreeSet<>();
    private final StringBuilder body = new StringBuilder();

    Generator(Map<String, MappingShape<?, ?>> shapes) {
      this.shapes = shapes;
      for (Map.Entry<String, MappingShape<?, ?>> e : shapes.entrySet()) {
        if (!e.getKey().equals(e.getValue().name())) {
          throw new IllegalStateException("the shape in DocumentLayout." + e.getKey() + " is named "
              + e.getValue().name() + ": name it after its constant");
        }
      }
    }

    String source() {
      imports.add("java.util.Map");
      imports.add("dev.sandboxpolicy.model.SourceLocation");
      StringBuilder access = new StringBuilder();
      access.append("  /** The code of the shape named {@code shape}, or null for a shape this code does not know. */\n")
          .append("  static MappingShape.Access<?, ?> access(String shape) {\n")
          .append("    return switch (shape) {\n");
      for (String name : shapes.keySet()) {
        access.append("      case \"").append(name).append("\" -> new ").append(className(name)).append("();\n");
      }
      access.append("      default -> null;\n    };\n  }\n");
      for (Map.Entry<String, MappingShape<?, ?>> e : shapes.entrySet()) {
        shape(e.getKey(), e.getValue());
      }
      for (String type : lists) {
        list(type);
      }
      for (String type : maps) {
        map(type);
      }
      StringBuilder out = new StringBuilder();
      out.append("// Generated from DocumentLayout by LayoutCodeTest: do not edit. After changing the table, run\n")
          .append("//   mvn -B -o -pl policy-io -am test -Dtest=LayoutCodeTest -Dlayout.writeCode=true"
              + " -Dsurefire.failIfNoSpecifiedTests=false\n")
          .append("package dev.sandboxpolicy.io;\n\n");
      for (String i : imports) {
        out.append("import ").append(i).append(";\n");
      }
      out.append("\n/**\n")
          .append(" * The code of {@link DocumentLayout}'s table, generated from it: for each shape, how its builder is\n")
          .append(" * made, filled and built, and how its values are written into a tree ({@code toTree}) and as\n")
          .append(" * generator events (the text and the hash), with direct calls of the model's getters and the\n")
          .append(" * builder's setters. A field with its own reader and writer is called through the table.\n")
          .append(" */\n")
          .append("@SuppressWarnings(\"unchecked\")\n")
          .append("final class LayoutCode {\n\n")
          .append("  private LayoutCode() {}\n\n")
          .append(access)
          .append(body)
          .append("}\n");
      return out.toString();
    }

    private static String className(String shape) {
      String m = method(shape);
      return Character.toUpperCase(m.charAt(0)) + m.substring(1) + "Code";
    }

    /** {@code NETWORK_POLICY}: {@code networkPolicy}; {@code allow_encoded_slash}: {@code allowEncodedSlash}. */
    private static String method(String name) {
      StringBuilder out = new StringBuilder();
      boolean upper = false;
      for (char c : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
        if (c == '_') {
          upper = true;
        } else {
          out.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        }
      }
      return out.toString();
    }

    private static String capital(String s) {
      return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String type(MappingShape<?, ?> shape) {
      Class<?> type = shape.type();
      imports.add(type.getName());
      return type.getSimpleName();
    }

    private void shape(String name, MappingShape<?, ?> shape) {
      String m = method(name);
      String t = type(shape);
      String b = t + ".Builder";
      List<? extends Field<?, ?>> fields = shape.fields();
      body.append("\n  // ---------------------------------------------------------------- ").append(name).append("\n\n");
      body.append("  private static final class ").append(className(name)).append(" extends MappingShape.Access<")
          .append(t).append(", ").append(b).append("> {\n\n");
      override(b + " newBuilder()", "return " + t + ".builder();");
      override("void location(" + b + " builder, SourceLocation at)", "builder.location(at);");
      override("void unknownFields(" + b + " builder, Map<String, Object> unknown)",
          "builder." + shape.unknownFieldsSetter() + "(unknown);");
      override(t + " build(" + b + " builder)", "return builder.build();");
      body.append("    @Override\n    void set(int field, ").append(b).append(" builder, Object value) {\n")
          .append("      switch (field) {\n");
      for (int i = 0; i < fields.size(); i++) {
        Field<?, ?> f = fields.get(i);
        if (!f.readsItself()) {
          body.append("        case ").append(i).append(" -> builder.").append(method(f.key())).append("((")
              .append(valueType(f)).append(") value);\n");
        }
      }
      body.append("        default -> throw new IllegalArgumentException(\"field \" + field + \" of ").append(name)
          .append(" is read by its own reader\");\n      }\n    }\n\n");
      override("Map<String, Object> write(DocumentTree tree, " + t + " value)", "return " + m + "(tree, value);");
      override("void writeFields(DocumentTree tree, " + t + " value, Map<String, Object> into)",
          m + "Fields(tree, value, into);");
      override("void stream(DocumentStream out, " + t + " value)", "stream" + capital(m) + "(out, value);");
      body.setLength(body.length() - 1);
      body.append("  }\n\n");

      body.append("  private static Map<String, Object> ").append(m).append("(DocumentTree tree, ").append(t).append(" v) {\n")
          .append("    Map<String, Object> out = tree.newMap();\n")
          .append("    ").append(m).append("Fields(tree, v, out);\n")
          .append("    DocumentLayout.").append(name).append(".writeUnknown(tree, v, out);\n")
          .append("    return out;\n  }\n\n");
      body.append("  private static void ").append(m).append("Fields(DocumentTree tree, ").append(t)
          .append(" v, Map<String, Object> out) {\n");
      for (int i = 0; i < fields.size(); i++) {
        body.append("    ").append(tree(name, i, fields.get(i))).append("\n");
      }
      body.append("  }\n\n");

      List<Integer> byKey = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        byKey.add(i);
      }
      // the canonical layout's order: a TreeMap's, String's natural order
      byKey.sort(Comparator.comparing(i -> fields.get(i).key()));
      body.append("  private static void stream").append(capital(m)).append("(DocumentStream out, ").append(t).append(" v) {\n")
          .append("    if (DocumentLayout.").append(name).append(".writesUnknown(v)) {\n")
          .append("      // the tree decides where unknown keys go\n")
          .append("      out.tree(").append(m).append("(out.layout(), v));\n")
          .append("      return;\n    }\n")
          .append("    out.startMapping();\n")
          .append("    if (out.layout().canonical()) {\n");
      for (int i : byKey) {
        body.append("      ").append(stream(name, i, fields.get(i))).append("\n");
      }
      body.append("    } else {\n");
      for (int i = 0; i < fields.size(); i++) {
        body.append("      ").append(stream(name, i, fields.get(i))).append("\n");
      }
      body.append("    }\n    out.endMapping();\n  }\n");
    }

    private void override(String signature, String statement) {
      body.append("    @Override\n    ").append(signature).append(" {\n      ").append(statement).append("\n    }\n\n");
    }

    /** The type the builder's setter of a plain or nested field takes. */
    private String valueType(Field<?, ?> f) {
      if (f.plain() != null) {
        return switch (f.plain()) {
          case STRING, REQUIRED_STRING, STRING_ALWAYS -> "String";
          case FLAG -> "Boolean";
          case OPTIONAL_STRING -> optional("String");
          case OPTIONAL_FLAG -> optional("Boolean");
          case U32 -> optional("Long");
          case STRING_LIST -> listOf("String");
        };
      }
      String x = type(f.shape());
      return switch (f.nesting()) {
        case SECTION, NAMED_SECTION -> x;
        case LIST, LIST_ALWAYS, REQUIRED_LIST, OPTIONAL_LIST -> listOf(x);
        case MAP, MAP_ALWAYS -> {
          imports.add("java.util.Map");
          yield "Map<String, " + x + ">";
        }
      };
    }

    private String optional(String of) {
      imports.add("java.util.Optional");
      return "Optional<" + of + ">";
    }

    private String listOf(String of) {
      imports.add("java.util.List");
      return "List<" + of + ">";
    }

    /** The statement that writes field {@code i} of shape {@code name} into the tree mapping {@code out}. */
    private String tree(String name, int i, Field<?, ?> f) {
      if (f.writesItself()) {
        return "DocumentLayout." + name + ".writeOwn(" + i + ", tree, v, out);";
      }
      String k = "\"" + f.key() + "\"";
      if (f.plain() != null) {
        return "DocumentTree." + put(f) + "(out, " + k + ", " + get(f) + ");";
      }
      String helper = helper(f, method(f.shape().name()));
      return nested(f, value -> "out.put(" + k + ", " + helper + "(tree, " + value + "));");
    }

    /** The statement that writes field {@code i} of shape {@code name} as generator events. */
    private String stream(String name, int i, Field<?, ?> f) {
      if (f.writesItself()) {
        return "DocumentLayout." + name + ".streamOwn(" + i + ", out, v);";
      }
      String k = "\"" + f.key() + "\"";
      if (f.plain() != null) {
        return "out." + put(f) + "(" + k + ", " + get(f) + ");";
      }
      String helper = helper(f, "stream" + capital(method(f.shape().name())));
      return nested(f, value -> "out.name(" + k + "); " + helper + "(out, " + value + ");");
    }

    /**
     * The method that writes the value of a nested kind: {@code shape}'s own for a section, its list or map helper
     * (then generated) for the others.
     */
    private String helper(Field<?, ?> f, String shape) {
      return switch (f.nesting()) {
        case SECTION, NAMED_SECTION -> shape;
        case LIST, LIST_ALWAYS, REQUIRED_LIST, OPTIONAL_LIST -> uses(lists, f, shape + "List");
        case MAP, MAP_ALWAYS -> uses(maps, f, shape + "Map");
      };
    }

    private static String get(Field<?, ?> f) {
      return "v." + method(f.key()) + "()";
    }

    /**
     * The method of {@code DocumentTree} (a static one, into a mapping) and of {@code DocumentStream} (as events)
     * that writes a plain kind: what each kind writes, and when.
     */
    private static String put(Field<?, ?> f) {
      return switch (f.plain()) {
        case STRING -> "putString";
        case REQUIRED_STRING, STRING_ALWAYS -> "putNonNull";
        case OPTIONAL_STRING, OPTIONAL_FLAG, U32 -> "putOptional";
        case FLAG -> "putTrue";
        case STRING_LIST -> "putList";
      };
    }

    /**
     * The statement that writes a nested kind when it is written, {@code write} giving the statement for the value
     * written (the getter's value, or what its {@code Optional} holds).
     */
    private static String nested(Field<?, ?> f, java.util.function.UnaryOperator<String> write) {
      String get = get(f);
      return switch (f.nesting()) {
        case SECTION, NAMED_SECTION, OPTIONAL_LIST ->
            "{ var x = " + get + "; if (x.isPresent()) { " + write.apply("x.get()") + " } }";
        case LIST, MAP -> "{ var x = " + get + "; if (!x.isEmpty()) { " + write.apply("x") + " } }";
        case LIST_ALWAYS, REQUIRED_LIST, MAP_ALWAYS -> write.apply(get);
      };
    }

    /** Notes that the list or map helpers of {@code f}'s shape are needed, and returns {@code call}. */
    private static String uses(TreeSet<String> helpers, Field<?, ?> f, String call) {
      helpers.add(f.shape().name());
      return call;
    }

    private void list(String name) {
      String m = method(name);
      String t = type(shapes.get(name));
      imports.add("java.util.ArrayList");
      imports.add("java.util.List");
      body.append("\n  // ---------------------------------------------------------------- lists of ").append(name)
          .append("\n\n");
      body.append("  private static List<Object> ").append(m).append("List(DocumentTree tree, List<").append(t)
          .append("> items) {\n")
          .append("    List<Object> out = new ArrayList<>(items.size());\n")
          .append("    for (").append(t).append(" item : items) {\n")
          .append("      out.add(").append(m).append("(tree, item));\n")
          .append("    }\n    return out;\n  }\n\n");
      body.append("  private static void stream").append(capital(m)).append("List(DocumentStream out, List<").append(t)
          .append("> items) {\n")
          .append("    out.startList();\n")
          .append("    for (").append(t).append(" item : items) {\n")
          .append("      stream").append(capital(m)).append("(out, item);\n")
          .append("    }\n    out.endList();\n  }\n");
    }

    private void map(String name) {
      String m = method(name);
      String t = type(shapes.get(name));
      body.append("\n  // ---------------------------------------------------------------- maps of ").append(name)
          .append("\n\n");
      body.append("  private static Map<String, Object> ").append(m).append("Map(DocumentTree tree, Map<String, ")
          .append(t).append("> named) {\n")
          .append("    Map<String, Object> out = tree.newMap();\n")
          .append("    for (Map.Entry<String, ").append(t).append("> e : named.entrySet()) {\n")
          .append("      out.put(e.getKey(), ").append(m).append("(tree, e.getValue()));\n")
          .append("    }\n    return out;\n  }\n\n");
      body.append("  /** In the map's own order, or sorted by name when canonical. */\n")
          .append("  private static void stream").append(capital(m)).append("Map(DocumentStream out, Map<String, ")
          .append(t).append("> named) {\n")
          .append("    out.startMapping();\n")
          .append("    if (out.sortsNames(named)) {\n")
          .append("      for (String name : DocumentStream.sortedNames(named)) {\n")
          .append("        out.name(name);\n")
          .append("        stream").append(capital(m)).append("(out, named.get(name));\n")
          .append("      }\n    } else {\n")
          .append("      for (Map.Entry<String, ").append(t).append("> e : named.entrySet()) {\n")
          .append("        out.name(e.getKey());\n")
          .append("        stream").append(capital(m)).append("(out, e.getValue());\n")
          .append("      }\n    }\n    out.endMapping();\n  }\n");
    }
  }
}
