package dev.sandboxpolicy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;

/**
 * {@link CommandModels} is generated from the picocli annotations of the commands on the start-up path: this test
 * builds each command's model the way picocli does it from the annotations ({@link CommandSpec#forAnnotatedObject}),
 * generates the code that builds the same model without reflection, and fails when the committed source differs.
 * The annotations stay the one source of every option, help text and exit code. After changing one of these
 * commands (or a mixin they use), run it with {@code -Dcli.writeCode=true} to rewrite the source:
 *
 * <pre>{@code
 * mvn -B -o -pl policy-cli -am test -Dtest=CommandModelsTest -Dcli.writeCode=true -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 *
 * <p>A second test compares every generated model with the reflective one: every value picocli's model classes
 * expose (options, names, arity, types, labels, descriptions, initial values, completion candidates, the usage
 * message attributes, the parser, the mixins), and the printed help, man-page source and completion script.
 */
class CommandModelsTest {

  private static final Path SOURCE =
      Path.of("src", "main", "java", "dev", "sandboxpolicy", "cli", "CommandModels.java");

  private static final String PACKAGE = "dev.sandboxpolicy.cli.";

  /** The generated class that stands for picocli's private AutoHelpMixin. */
  private static final String HELP_TYPE = "StandardHelpOptions";

  /** picocli's private class of the standard help options. */
  private static final String AUTO_HELP_MIXIN = "picocli.CommandLine$AutoHelpMixin";

  /** The generated commands: the method name in {@link CommandModels} and a fresh command object. */
  private static Map<String, Supplier<Object>> commands() {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("policyctl", () -> new PolicyctlCommand(null));
    commands.put("validate", ValidateCommand::new);
    commands.put("check", CheckCommand::new);
    return commands;
  }

  @Test
  void theCommittedCodeIsTheCodeOfTheAnnotations() throws IOException {
    String expected = generate();
    String actual = Files.exists(SOURCE) ? Files.readString(SOURCE, StandardCharsets.UTF_8) : "";
    if (!expected.equals(actual) && Boolean.getBoolean("cli.writeCode")) {
      Files.writeString(SOURCE, expected, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(expected, actual, SOURCE + " is not the code of the commands' annotations: regenerate it with"
        + " -Dcli.writeCode=true (see this test's documentation)");
  }

  @Test
  void everyGeneratedModelIsTheAnnotatedModel() throws IOException {
    for (Map.Entry<String, Supplier<Object>> e : commands().entrySet()) {
      CommandSpec reflective = CommandSpec.forAnnotatedObject(e.getValue().get());
      CommandSpec generated = generated(e.getKey());
      String expected = describe(reflective);
      String actual = describe(generated);
      if (!expected.equals(actual)) {
        Path dir = Path.of("target", "command-models");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(e.getKey() + ".reflective.txt"), expected);
        Files.writeString(dir.resolve(e.getKey() + ".generated.txt"), actual);
      }
      assertEquals(expected, actual, e.getKey() + ": see target/command-models");
    }
  }

  @Test
  void theHelpManPageAndCompletionAreTheSame() {
    for (String name : commands().keySet()) {
      if (name.equals("policyctl")) {
        continue;
      }
      CommandLine reflective = new CommandLine(new PolicyctlCommand(null));
      reflective.addSubcommand(commands().get(name).get());
      CommandLine generated = new CommandLine(CommandModels.policyctl(new PolicyctlCommand(null)));
      generated.addSubcommand(CommandModels.subcommand(name));
      assertEquals(reflective.getUsageMessage(), generated.getUsageMessage());
      assertEquals(reflective.getSubcommands().get(name).getUsageMessage(),
          generated.getSubcommands().get(name).getUsageMessage(), name);
      assertEquals(AutoComplete.bash("policyctl", reflective), AutoComplete.bash("policyctl", generated), name);
      assertEquals(ManPage.program(reflective), ManPage.program(generated), name);
      assertEquals(ManPage.command(reflective.getSubcommands().get(name)),
          ManPage.command(generated.getSubcommands().get(name)), name);
    }
  }

  @Test
  void theGeneratedBindingsSetTheCommandsFields() {
    CommandLine commandLine = new CommandLine(CommandModels.policyctl(new PolicyctlCommand(null)));
    commandLine.addSubcommand(CommandModels.subcommand("validate"));
    CommandLine.ParseResult result = commandLine.parseArgs("validate", "--kind", "preset", "--custom", "--json",
        "--lenient", "--profile", "nemoclaw", "a.yaml", "b.yaml");
    ValidateCommand validate = (ValidateCommand) result.subcommand().commandSpec().userObject();
    assertEquals("preset", validate.kind.kind);
    assertTrue(validate.custom && validate.format.json && validate.readMode.legacyTolerant);
    assertEquals("nemoclaw", validate.profile);
    assertEquals(List.of("a.yaml", "b.yaml"), validate.files);
    assertEquals("validate", validate.name());
    assertNotNull(validate.spec);
  }

  private static CommandSpec generated(String name) {
    return name.equals("policyctl") ? CommandModels.policyctl(new PolicyctlCommand(null)) : CommandModels.subcommand(name);
  }

  // ---------------------------------------------------------------- every value of a model, as text

  /** Methods left out of {@link #describe}: links to other objects, or state that is not the model's. */
  private static final Set<String> NOT_DESCRIBED = Set.of(
      "parent", "root", "toBuilder", "hashCode", "getAuxiliaryTypeInfos", "commandLine", "command", "group", "userObject", "getter", "setter", "scope", "copy",
      "validate", "mixinAnnotatedElements", "specElements", "messages", "interpolator", "helpFactory",
      // the annotations' type knows the element type of a List<String>; picocli uses it only for @Unmatched
      "getActualGenericTypeArguments",
      "argGroups", "subcommands", "unmatchedArgsBindings", "unmatched", "methodParams", "parentGroup");

  /** Every value that picocli's model exposes through its public no-argument methods, in a stable text form. */
  static String describe(Object spec) {
    StringBuilder out = new StringBuilder();
    describe(spec, "", out, new IdentityHashMap<>());
    // identity hash codes differ from object to object; the help options' object is a generated stand-in
    return out.toString().replaceAll("@[0-9a-f]+\\b", "@HASH")
        .replace(AUTO_HELP_MIXIN, "dev.sandboxpolicy.cli.CommandModels$" + HELP_TYPE);
  }

  private static void describe(Object value, String indent, StringBuilder out, Map<Object, Boolean> seen) {
    if (indent.length() > 80) {
      throw new IllegalStateException("too deep: " + out.substring(Math.max(0, out.length() - 3000)));
    }
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof Character || value instanceof Enum<?>) {
      out.append(value).append('\n');
    } else if (value instanceof Class<?> c) {
      out.append("class ").append(c.getName()).append('\n');
    } else if (value.getClass().isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
        list.add(java.lang.reflect.Array.get(value, i));
      }
      describe(list, indent, out, seen);
    } else if (value instanceof Map<?, ?> map) {
      out.append("map\n");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(indent).append("  ").append(e.getKey()).append(" = ");
        describe(e.getValue(), indent + "    ", out, seen);
      }
    } else if (value instanceof Collection<?> || (value instanceof Iterable<?> && value.getClass().getName()
        .startsWith(PACKAGE))) {
      out.append("list\n");
      for (Object o : (Iterable<?>) value) {
        out.append(indent).append("  - ");
        describe(o, indent + "    ", out, seen);
      }
    } else if (value.getClass().getName().startsWith("picocli.") && !(value instanceof CommandLine.Model.IGetter)
        && seen.put(value, Boolean.TRUE) == null) {
      out.append(value.getClass().getSimpleName()).append('\n');
      List<Method> methods = new ArrayList<>();
      for (Method m : value.getClass().getMethods()) {
        if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class
            && m.getDeclaringClass().getName().startsWith("picocli.") && !NOT_DESCRIBED.contains(m.getName())) {
          methods.add(m);
        }
      }
      methods.sort(Comparator.comparing(Method::getName));
      for (Method m : methods) {
        out.append(indent).append("  ").append(m.getName()).append(": ");
        Object result;
        try {
          m.setAccessible(true);
          result = m.invoke(value);
        } catch (IllegalAccessException | RuntimeException e) {
          result = "(not readable: " + e + ")";
        } catch (InvocationTargetException e) {
          result = "(threw " + e.getCause() + ")";
        }
        describe(result, indent + "    ", out, seen);
      }
    } else {
      // a provider, a binding or a help mixin's object: its class says what it is
      out.append("a ").append(value.getClass().getName().startsWith(PACKAGE) || value.getClass().getName()
          .startsWith("picocli.") ? value.getClass().getName() : "(other)").append('\n');
    }
  }

  // ---------------------------------------------------------------- the generator

  /** The source of {@link CommandModels}. */
  static String generate() {
    Generator g = new Generator();
    for (Map.Entry<String, Supplier<Object>> e : commands().entrySet()) {
      g.command(e.getKey(), e.getValue().get());
    }
    return g.source();
  }

  private static final class Generator {
    private final StringBuilder methods = new StringBuilder();
    private final Map<Class<?>, List<Field>> fields = new LinkedHashMap<>();
    private final List<String> subcommands = new ArrayList<>();
    private String help;

    void command(String method, Object command) {
      CommandSpec spec = CommandSpec.forAnnotatedObject(command);
      String type = typeName(command.getClass());
      if (!method.equals("policyctl")) {
        subcommands.add(method);
      }
      methods.append("\n  /** {@code ").append(spec.qualifiedName()).append("}: the model of {@link ").append(type)
          .append("}'s annotations. */\n")
          .append("  static CommandSpec ").append(method).append("(").append(type).append(" c) {\n")
          .append("    CommandSpec spec = CommandSpec.wrapWithoutInspection(c);\n");
      List<String> picocliFields = new ArrayList<>();
      for (Class<?> k = command.getClass(); k != Object.class; k = k.getSuperclass()) {
        for (Field f : k.getDeclaredFields()) {
          if (f.isAnnotationPresent(CommandLine.Spec.class)) {
            methods.append("    c.").append(f.getName()).append(" = spec;\n");
          } else if (Arrays.stream(f.getAnnotations()).anyMatch(a -> a.annotationType().getName().startsWith("picocli"))) {
            picocliFields.add(f.getName());
          }
        }
      }
      attributes("spec", spec);
      Set<CommandSpec> emitted = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      List<String> coveredFields = new ArrayList<>();
      for (ArgSpec arg : spec.args()) {
        Map.Entry<String, CommandSpec> mixin = mixinOf(spec, arg);
        if (mixin == null) {
          methods.append("    spec.").append(arg.isOption() ? "addOption(" : "addPositional(")
              .append(arg(arg, "c")).append(");\n");
          coveredFields.add(field(arg).getName());
        } else if (emitted.add(mixin.getValue())) {
          if (mixin.getKey().equals("mixinStandardHelpOptions")) {
            methods.append("    standardHelpOptions(spec);\n");
            helpMixin(mixin.getValue());
          } else {
            mixin(mixin.getKey(), mixin.getValue());
            coveredFields.add(mixin.getKey());
          }
        }
      }
      if (emitted.size() != spec.mixins().size()) {
        throw new IllegalStateException(method + ": a mixin without options is not supported by the generator");
      }
      if (!coveredFields.containsAll(picocliFields) || !spec.argGroups().isEmpty()
          || !spec.unmatchedArgsBindings().isEmpty() || !spec.subcommands().isEmpty()) {
        throw new IllegalStateException(method + ": annotated elements the generator does not cover: "
            + picocliFields + " vs " + coveredFields);
      }
      methods.append("    return spec;\n  }\n");
    }

    private static Map.Entry<String, CommandSpec> mixinOf(CommandSpec spec, ArgSpec arg) {
      for (Map.Entry<String, CommandSpec> m : spec.mixins().entrySet()) {
        for (ArgSpec a : m.getValue().args()) {
          if (a == arg) {
            return m;
          }
        }
      }
      return null;
    }

    private void mixin(String name, CommandSpec mixin) {
      String type = typeName(mixin.userObject().getClass());
      String var = name + "Mixin";
      methods.append("    ").append(type).append(' ').append(name).append(" = new ").append(type).append("();\n")
          .append("    c.").append(name).append(" = ").append(name).append(";\n")
          .append("    CommandSpec ").append(var).append(" = CommandSpec.wrapWithoutInspection(").append(name)
          .append(");\n");
      attributes(var, mixin);
      methods.append("    ").append(var).append(".withToString(").append(literal(mixin.toString())).append(");\n");
      for (ArgSpec arg : mixin.args()) {
        methods.append("    ").append(var).append(arg.isOption() ? ".addOption(" : ".addPositional(")
            .append(arg(arg, name)).append(");\n");
      }
      methods.append("    spec.addMixin(").append(literal(name)).append(", ").append(var).append(");\n");
    }

    /**
     * picocli's own {@code -h, --help} and {@code -V, --version} (its AutoHelpMixin, a class private to picocli): the
     * same options, bound to the fields of a generated class of the same shape. Generated once, for every command.
     */
    private void helpMixin(CommandSpec mixin) {
      if (help != null) {
        return;
      }
      StringBuilder b = new StringBuilder();
      b.append("\n  /** picocli's {@code mixinStandardHelpOptions}: the model of its AutoHelpMixin's annotations. */\n")
          .append("  private static void standardHelpOptions(CommandSpec spec) {\n")
          .append("    ").append(HELP_TYPE).append(" help = new ").append(HELP_TYPE).append("();\n")
          .append("    CommandSpec helpMixin = CommandSpec.wrapWithoutInspection(help);\n");
      for (ArgSpec arg : mixin.args()) {
        b.append("    helpMixin.addOption(").append(arg(arg, "help")).append(");\n");
      }
      b.append("    spec.addMixin(\"mixinStandardHelpOptions\", helpMixin);\n  }\n");
      help = b.toString();
    }

    private static Field field(ArgSpec arg) {
      if (!(arg.userObject() instanceof Field f)) {
        throw new IllegalStateException("only annotated fields are supported: " + arg);
      }
      return f;
    }

    /** The builder of one option or positional parameter, bound to the field of {@code owner} (null: untyped). */
    private String arg(ArgSpec arg, String owner) {
      StringBuilder b = new StringBuilder();
      String ind = "\n        ";
      if (arg instanceof OptionSpec o) {
        b.append("OptionSpec.builder(").append(strings(OptionSpec.builder(o).names())).append(")");
        if (o.usageHelp()) {
          b.append(ind).append(".usageHelp(true)");
        }
        if (o.versionHelp()) {
          b.append(ind).append(".versionHelp(true)");
        }
        @SuppressWarnings("deprecation")
        boolean help = o.help();
        if (help || o.negatable() || o.fallbackValue() != null && !o.fallbackValue().isEmpty()) {
          throw new IllegalStateException("help, negatable and fallbackValue are not supported: " + o);
        }
        if (o.order() != -1) {
          b.append(ind).append(".order(").append(o.order()).append(")");
        }
      } else {
        PositionalParamSpec p = (PositionalParamSpec) arg;
        b.append("PositionalParamSpec.builder()").append(ind).append(".index(").append(range(p.index())).append(")");
      }
      b.append(ind).append(".type(").append(classLiteral(arg.type())).append(")");
      if (arg.auxiliaryTypes().length > 0) {
        b.append(ind).append(".auxiliaryTypes(");
        for (int i = 0; i < arg.auxiliaryTypes().length; i++) {
          b.append(i > 0 ? ", " : "").append(classLiteral(arg.auxiliaryTypes()[i]));
        }
        b.append(")");
      }
      b.append(ind).append(".arity(").append(range(arg.arity())).append(")");
      b.append(ind).append(".paramLabel(").append(literal(arg.paramLabel())).append(")");
      b.append(ind).append(".description(").append(strings(arg.description())).append(")");
      if (arg.descriptionKey() != null) {
        b.append(ind).append(".descriptionKey(").append(literal(arg.descriptionKey())).append(")");
      }
      if (arg.prompt() != null) {
        b.append(ind).append(".prompt(").append(literal(arg.prompt())).append(")");
      }
      if (arg.required()) {
        b.append(ind).append(".required(true)");
      }
      if (arg.hidden()) {
        b.append(ind).append(".hidden(true)");
      }
      if (arg.hideParamSyntax()) {
        b.append(ind).append(".hideParamSyntax(true)");
      }
      if (arg.defaultValue() != null) {
        b.append(ind).append(".defaultValue(").append(literal(arg.defaultValue())).append(")");
      }
      if (arg.showDefaultValue() != CommandLine.Help.Visibility.ON_DEMAND) {
        b.append(ind).append(".showDefaultValue(CommandLine.Help.Visibility.").append(arg.showDefaultValue()).append(")");
      }
      if (arg.completionCandidates() != null) {
        b.append(ind).append(".completionCandidates(new ").append(typeName(arg.completionCandidates().getClass()))
            .append("())");
      }
      if (!arg.splitRegex().isEmpty() || arg.converters().length > 0 || arg.parameterConsumer() != null
          || arg.interactive() || arg.inherited() || arg.scopeType() != CommandLine.ScopeType.LOCAL
          || !arg.preprocessor().getClass().getSimpleName().equals("NoOpParameterPreprocessor")) {
        throw new IllegalStateException("an attribute the generator does not support: " + arg);
      }
      Field f = field(arg);
      {
        List<Field> declared = fields.computeIfAbsent(f.getDeclaringClass(), k -> new ArrayList<>());
        int index = declared.indexOf(f);
        if (index < 0) {
          index = declared.size();
          declared.add(f);
        }
        String binding = "new " + bindingName(f.getDeclaringClass()) + "(" + owner + ", " + index + ")";
        b.append(ind).append(".getter(").append(binding).append(")").append(ind).append(".setter(")
            .append(binding).append(")").append(ind).append(".initialValue(").append(owner).append('.')
            .append(f.getName()).append(")");
      }
      b.append(ind).append(".hasInitialValue(").append(arg.hasInitialValue()).append(")");
      b.append(ind).append(".withToString(").append(literal(arg.toString())).append(")");
      b.append(ind).append(".build()");
      return b.toString();
    }

    private void attributes(String var, CommandSpec spec) {
      CommandSpec d = CommandSpec.wrapWithoutInspection(new Object());
      String p = "    " + var;
      if (!spec.name().equals(d.name())) {
        methods.append(p).append(".name(").append(literal(spec.name())).append(");\n");
      }
      if (spec.aliases().length > 0) {
        methods.append(p).append(".aliases(").append(strings(spec.aliases())).append(");\n");
      }
      if (spec.versionProvider() != null) {
        methods.append(p).append(".versionProvider(new ").append(typeName(spec.versionProvider().getClass()))
            .append("());\n");
      }
      if ((spec.versionProvider() == null && spec.version().length > 0) || spec.helpCommand() || spec.subcommandsRepeatable()
          || spec.defaultValueProvider() != null || spec.exitCodeOnSuccess() != d.exitCodeOnSuccess()
          || spec.exitCodeOnUsageHelp() != d.exitCodeOnUsageHelp()
          || spec.exitCodeOnVersionHelp() != d.exitCodeOnVersionHelp()
          || spec.exitCodeOnInvalidInput() != d.exitCodeOnInvalidInput()
          || spec.exitCodeOnExecutionException() != d.exitCodeOnExecutionException()
          || !spec.parser().separator().equals(d.parser().separator()) || spec.modelTransformer() != null
          || spec.scopeType() != d.scopeType() || spec.usageMessage().messages() != null) {
        throw new IllegalStateException("a command attribute the generator does not support: " + spec.name() + " "
            + Arrays.toString(spec.version()) + spec.defaultValueProvider() + spec.modelTransformer()
            + spec.usageMessage().messages() + spec.scopeType() + spec.exitCodeOnSuccess());
      }
      UsageMessageSpec u = spec.usageMessage();
      UsageMessageSpec du = d.usageMessage();
      String up = p + ".usageMessage()";
      string(up, "headerHeading", u.headerHeading(), du.headerHeading());
      stringArray(up, "header", u.header(), du.header());
      string(up, "synopsisHeading", u.synopsisHeading(), du.synopsisHeading());
      string(up, "synopsisSubcommandLabel", u.synopsisSubcommandLabel(), du.synopsisSubcommandLabel());
      stringArray(up, "customSynopsis", u.customSynopsis(), du.customSynopsis());
      string(up, "descriptionHeading", u.descriptionHeading(), du.descriptionHeading());
      stringArray(up, "description", u.description(), du.description());
      string(up, "parameterListHeading", u.parameterListHeading(), du.parameterListHeading());
      string(up, "optionListHeading", u.optionListHeading(), du.optionListHeading());
      string(up, "commandListHeading", u.commandListHeading(), du.commandListHeading());
      string(up, "exitCodeListHeading", u.exitCodeListHeading(), du.exitCodeListHeading());
      string(up, "footerHeading", u.footerHeading(), du.footerHeading());
      stringArray(up, "footer", u.footer(), du.footer());
      flag(up, "abbreviateSynopsis", u.abbreviateSynopsis(), du.abbreviateSynopsis());
      flag(up, "sortOptions", u.sortOptions(), du.sortOptions());
      flag(up, "sortSynopsis", u.sortSynopsis(), du.sortSynopsis());
      flag(up, "showDefaultValues", u.showDefaultValues(), du.showDefaultValues());
      flag(up, "showAtFileInUsageHelp", u.showAtFileInUsageHelp(), du.showAtFileInUsageHelp());
      flag(up, "showEndOfOptionsDelimiterInUsageHelp", u.showEndOfOptionsDelimiterInUsageHelp(),
          du.showEndOfOptionsDelimiterInUsageHelp());
      flag(up, "hidden", u.hidden(), du.hidden());
      flag(up, "autoWidth", u.autoWidth(), du.autoWidth());
      if (u.width() != du.width()) {
        methods.append(up).append(".width(").append(u.width()).append(");\n");
      }
      if (u.requiredOptionMarker() != du.requiredOptionMarker()) {
        throw new IllegalStateException("requiredOptionMarker is not supported");
      }
      if (!u.exitCodeList().isEmpty()) {
        methods.append("    {\n      Map<String, String> exitCodes = new LinkedHashMap<>();\n");
        for (Map.Entry<String, String> e : u.exitCodeList().entrySet()) {
          methods.append("      exitCodes.put(").append(literal(e.getKey())).append(", ").append(literal(e.getValue()))
              .append(");\n");
        }
        methods.append("  ").append(up).append(".exitCodeList(exitCodes);\n    }\n");
      }
    }

    private void string(String p, String name, String value, String dflt) {
      if (!value.equals(dflt)) {
        methods.append(p).append('.').append(name).append('(').append(literal(value)).append(");\n");
      }
    }

    private void stringArray(String p, String name, String[] value, String[] dflt) {
      if (!Arrays.equals(value, dflt)) {
        methods.append(p).append('.').append(name).append('(').append(strings(value)).append(");\n");
      }
    }

    private void flag(String p, String name, boolean value, boolean dflt) {
      if (value != dflt) {
        methods.append(p).append('.').append(name).append('(').append(value).append(");\n");
      }
    }

    String source() {
      StringBuilder s = new StringBuilder();
      s.append("package dev.sandboxpolicy.cli;\n\n")
          .append("import java.util.LinkedHashMap;\n")
          .append("import java.util.Map;\n")
          .append("import picocli.CommandLine;\n")
          .append("import picocli.CommandLine.Model.CommandSpec;\n")
          .append("import picocli.CommandLine.Model.OptionSpec;\n")
          .append("import picocli.CommandLine.Model.PositionalParamSpec;\n")
          .append("import picocli.CommandLine.Range;\n\n")
          .append("/**\n")
          .append(" * GENERATED by {@code CommandModelsTest} from the picocli annotations of the commands below; do not edit.\n")
          .append(" *\n")
          .append(" * <p>The picocli models of the commands on the start-up path, built without reading annotations (each\n")
          .append(" * annotation type read costs JDK 17 a generated proxy class) and with field bindings that need no\n")
          .append(" * reflection. The annotations stay the one source: {@code CommandModelsTest} regenerates this file from\n")
          .append(" * them ({@code -Dcli.writeCode=true}) and compares every generated model with the reflective one.\n")
          .append(" */\n")
          .append("@SuppressWarnings(\"unchecked\")\n")
          .append("final class CommandModels {\n\n")
          .append("  private CommandModels() {}\n\n")
          .append("  /** The generated model of the subcommand {@code name} on a new command object, or null. */\n")
          .append("  static CommandSpec subcommand(String name) {\n")
          .append("    switch (name) {\n");
      for (String sub : subcommands) {
        s.append("      case ").append(literal(sub)).append(":\n        return ").append(sub).append("(new ")
            .append(typeName(commands().get(sub).get().getClass())).append("());\n");
      }
      s.append("      default:\n        return null;\n    }\n  }\n");
      s.append(methods);
      if (help != null) {
        s.append(help);
      }
      for (Map.Entry<Class<?>, List<Field>> e : fields.entrySet()) {
        if (e.getKey().getName().equals(AUTO_HELP_MIXIN)) {
          s.append("\n  /** The fields of picocli's standard help options. */\n")
              .append("  private static final class ").append(HELP_TYPE).append(" {\n");
          for (Field f : e.getValue()) {
            s.append("    ").append(f.getType().getName()).append(' ').append(f.getName()).append(";\n");
          }
          s.append("  }\n");
        }
      }
      for (Map.Entry<Class<?>, List<Field>> e : fields.entrySet()) {
        String type = typeName(e.getKey());
        String name = bindingName(e.getKey());
        s.append("\n  /** Reads and writes the fields of a {@link ").append(type).append("}, by index. */\n")
            .append("  private static final class ").append(name)
            .append(" implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {\n")
            .append("    private final ").append(type).append(" o;\n")
            .append("    private final int field;\n\n")
            .append("    ").append(name).append("(").append(type).append(" o, int field) {\n")
            .append("      this.o = o;\n      this.field = field;\n    }\n\n")
            .append("    @Override\n    public <T> T get() {\n      switch (field) {\n");
        List<Field> fs = e.getValue();
        for (int i = 0; i < fs.size(); i++) {
          s.append("        case ").append(i).append(":\n          return (T) (Object) o.").append(fs.get(i).getName())
              .append(";\n");
        }
        s.append("        default:\n          throw new IllegalStateException(\"no field \" + field);\n      }\n    }\n\n")
            .append("    @Override\n    public <T> T set(T value) {\n      T old = get();\n      switch (field) {\n");
        for (int i = 0; i < fs.size(); i++) {
          Field f = fs.get(i);
          s.append("        case ").append(i).append(":\n          o.").append(f.getName()).append(" = (")
              .append(boxed(f)).append(") value;\n          return old;\n");
        }
        s.append("        default:\n          throw new IllegalStateException(\"no field \" + field);\n      }\n    }\n  }\n");
      }
      s.append("}\n");
      return s.toString();
    }

    private static String bindingName(Class<?> type) {
      return typeName(type).replace(".", "") + "Fields";
    }
  }

  private static String boxed(Field f) {
    Class<?> t = f.getType();
    if (t.isPrimitive()) {
      return t == boolean.class ? "Boolean" : t == int.class ? "Integer" : t == long.class ? "Long" : fail(f);
    }
    return f.getGenericType().getTypeName().replace("java.lang.", "");
  }

  private static String fail(Field f) {
    throw new IllegalStateException("unsupported field type: " + f);
  }

  private static String typeName(Class<?> type) {
    if (type.getName().equals(AUTO_HELP_MIXIN)) {
      return HELP_TYPE;
    }
    String name = type.getCanonicalName();
    if (name == null) {
      throw new IllegalStateException("not a named class: " + type);
    }
    return name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
  }

  private static String classLiteral(Class<?> type) {
    return (type.isPrimitive() ? type.getName() : typeName(type).replace("java.lang.", "")) + ".class";
  }

  private static String range(Range r) {
    return "new Range(" + r.min() + ", " + r.max() + ", " + r.isVariable() + ", " + r.isUnspecified() + ", "
        + literal(r.originalValue()) + ")";
  }

  private static String strings(String[] values) {
    StringBuilder b = new StringBuilder("new String[] {");
    for (int i = 0; i < values.length; i++) {
      b.append(i > 0 ? ", " : "").append(literal(values[i]));
    }
    return b.append("}").toString();
  }

  static String literal(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20 || ch > 0x7e) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
