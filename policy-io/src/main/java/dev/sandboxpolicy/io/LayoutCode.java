// Generated from DocumentLayout by LayoutCodeTest: do not edit. After changing the table, run
//   mvn -B -o -pl policy-io -am test -Dtest=LayoutCodeTest -Dlayout.writeCode=true -Dsurefire.failIfNoSpecifiedTests=false
package dev.sandboxpolicy.io;

import dev.sandboxpolicy.model.AllowRule;
import dev.sandboxpolicy.model.Binary;
import dev.sandboxpolicy.model.Blueprint;
import dev.sandboxpolicy.model.BlueprintPolicy;
import dev.sandboxpolicy.model.CredentialBinding;
import dev.sandboxpolicy.model.Endpoint;
import dev.sandboxpolicy.model.FilesystemPolicy;
import dev.sandboxpolicy.model.JsonRpcOptions;
import dev.sandboxpolicy.model.Landlock;
import dev.sandboxpolicy.model.McpOptions;
import dev.sandboxpolicy.model.Middleware;
import dev.sandboxpolicy.model.MiddlewareSelector;
import dev.sandboxpolicy.model.NetworkPolicy;
import dev.sandboxpolicy.model.PersistedQuery;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Preset;
import dev.sandboxpolicy.model.ProcessPolicy;
import dev.sandboxpolicy.model.RuleBody;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.model.Tier;
import dev.sandboxpolicy.model.TierCatalog;
import dev.sandboxpolicy.model.TierPreset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code of {@link DocumentLayout}'s table, generated from it: for each shape, how its builder is
 * made, filled and built, and how its values are written into a tree ({@code toTree}) and as
 * generator events (the text and the hash), with direct calls of the model's getters and the
 * builder's setters. A field with its own reader and writer is called through the table.
 */
@SuppressWarnings("unchecked")
final class LayoutCode {

  private LayoutCode() {}

  /** The code of the shape named {@code shape}, or null for a shape this code does not know. */
  static MappingShape.Access<?, ?> access(String shape) {
    return switch (shape) {
      case "ADDITION" -> new AdditionCode();
      case "ALLOW_RULE" -> new AllowRuleCode();
      case "BINARY" -> new BinaryCode();
      case "BLUEPRINT" -> new BlueprintCode();
      case "BLUEPRINT_POLICY" -> new BlueprintPolicyCode();
      case "CREDENTIAL_BINDING" -> new CredentialBindingCode();
      case "ENDPOINT" -> new EndpointCode();
      case "FILESYSTEM_POLICY" -> new FilesystemPolicyCode();
      case "JSON_RPC" -> new JsonRpcCode();
      case "LANDLOCK" -> new LandlockCode();
      case "MCP" -> new McpCode();
      case "MIDDLEWARE" -> new MiddlewareCode();
      case "MIDDLEWARE_SELECTOR" -> new MiddlewareSelectorCode();
      case "NETWORK_POLICY" -> new NetworkPolicyCode();
      case "PERSISTED_QUERY" -> new PersistedQueryCode();
      case "POLICY" -> new PolicyCode();
      case "PRESET" -> new PresetCode();
      case "PRESET_HEADER" -> new PresetHeaderCode();
      case "PROCESS" -> new ProcessCode();
      case "RULE_BODY" -> new RuleBodyCode();
      case "TIER" -> new TierCode();
      case "TIER_CATALOG" -> new TierCatalogCode();
      case "TIER_PRESET" -> new TierPresetCode();
      default -> null;
    };
  }

  // ---------------------------------------------------------------- ADDITION

  private static final class AdditionCode extends MappingShape.Access<NetworkPolicy, NetworkPolicy.Builder> {

    @Override
    NetworkPolicy.Builder newBuilder() {
      return NetworkPolicy.builder();
    }

    @Override
    void location(NetworkPolicy.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(NetworkPolicy.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    NetworkPolicy build(NetworkPolicy.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, NetworkPolicy.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.name((String) value);
        case 1 -> builder.endpoints((List<Endpoint>) value);
        default -> throw new IllegalArgumentException("field " + field + " of ADDITION is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, NetworkPolicy value) {
      return addition(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, NetworkPolicy value, Map<String, Object> into) {
      additionFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, NetworkPolicy value) {
      streamAddition(out, value);
    }
  }

  private static Map<String, Object> addition(DocumentTree tree, NetworkPolicy v) {
    Map<String, Object> out = tree.newMap();
    additionFields(tree, v, out);
    DocumentLayout.ADDITION.writeUnknown(tree, v, out);
    return out;
  }

  private static void additionFields(DocumentTree tree, NetworkPolicy v, Map<String, Object> out) {
    DocumentTree.putString(out, "name", v.name());
    out.put("endpoints", endpointList(tree, v.endpoints()));
  }

  private static void streamAddition(DocumentStream out, NetworkPolicy v) {
    if (DocumentLayout.ADDITION.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(addition(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.name("endpoints"); streamEndpointList(out, v.endpoints());
      out.putString("name", v.name());
    } else {
      out.putString("name", v.name());
      out.name("endpoints"); streamEndpointList(out, v.endpoints());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- ALLOW_RULE

  private static final class AllowRuleCode extends MappingShape.Access<AllowRule, AllowRule.Builder> {

    @Override
    AllowRule.Builder newBuilder() {
      return AllowRule.builder();
    }

    @Override
    void location(AllowRule.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(AllowRule.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    AllowRule build(AllowRule.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, AllowRule.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.allow((RuleBody) value);
        default -> throw new IllegalArgumentException("field " + field + " of ALLOW_RULE is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, AllowRule value) {
      return allowRule(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, AllowRule value, Map<String, Object> into) {
      allowRuleFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, AllowRule value) {
      streamAllowRule(out, value);
    }
  }

  private static Map<String, Object> allowRule(DocumentTree tree, AllowRule v) {
    Map<String, Object> out = tree.newMap();
    allowRuleFields(tree, v, out);
    DocumentLayout.ALLOW_RULE.writeUnknown(tree, v, out);
    return out;
  }

  private static void allowRuleFields(DocumentTree tree, AllowRule v, Map<String, Object> out) {
    { var x = v.allow(); if (x.isPresent()) { out.put("allow", ruleBody(tree, x.get())); } }
  }

  private static void streamAllowRule(DocumentStream out, AllowRule v) {
    if (DocumentLayout.ALLOW_RULE.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(allowRule(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      { var x = v.allow(); if (x.isPresent()) { out.name("allow"); streamRuleBody(out, x.get()); } }
    } else {
      { var x = v.allow(); if (x.isPresent()) { out.name("allow"); streamRuleBody(out, x.get()); } }
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- BINARY

  private static final class BinaryCode extends MappingShape.Access<Binary, Binary.Builder> {

    @Override
    Binary.Builder newBuilder() {
      return Binary.builder();
    }

    @Override
    void location(Binary.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Binary.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    Binary build(Binary.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Binary.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.path((String) value);
        case 1 -> builder.harness((Optional<Boolean>) value);
        default -> throw new IllegalArgumentException("field " + field + " of BINARY is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Binary value) {
      return binary(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Binary value, Map<String, Object> into) {
      binaryFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Binary value) {
      streamBinary(out, value);
    }
  }

  private static Map<String, Object> binary(DocumentTree tree, Binary v) {
    Map<String, Object> out = tree.newMap();
    binaryFields(tree, v, out);
    DocumentLayout.BINARY.writeUnknown(tree, v, out);
    return out;
  }

  private static void binaryFields(DocumentTree tree, Binary v, Map<String, Object> out) {
    DocumentTree.putNonNull(out, "path", v.path());
    DocumentTree.putOptional(out, "harness", v.harness());
  }

  private static void streamBinary(DocumentStream out, Binary v) {
    if (DocumentLayout.BINARY.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(binary(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putOptional("harness", v.harness());
      out.putNonNull("path", v.path());
    } else {
      out.putNonNull("path", v.path());
      out.putOptional("harness", v.harness());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- BLUEPRINT

  private static final class BlueprintCode extends MappingShape.Access<Blueprint, Blueprint.Builder> {

    @Override
    Blueprint.Builder newBuilder() {
      return Blueprint.builder();
    }

    @Override
    void location(Blueprint.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Blueprint.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    Blueprint build(Blueprint.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Blueprint.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.version((String) value);
        case 1 -> builder.minOpenshellVersion((String) value);
        case 2 -> builder.maxOpenshellVersion((String) value);
        case 3 -> builder.minOpenclawVersion((String) value);
        case 4 -> builder.digest((String) value);
        case 5 -> builder.description((String) value);
        case 6 -> builder.profiles((List<String>) value);
        default -> throw new IllegalArgumentException("field " + field + " of BLUEPRINT is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Blueprint value) {
      return blueprint(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Blueprint value, Map<String, Object> into) {
      blueprintFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Blueprint value) {
      streamBlueprint(out, value);
    }
  }

  private static Map<String, Object> blueprint(DocumentTree tree, Blueprint v) {
    Map<String, Object> out = tree.newMap();
    blueprintFields(tree, v, out);
    DocumentLayout.BLUEPRINT.writeUnknown(tree, v, out);
    return out;
  }

  private static void blueprintFields(DocumentTree tree, Blueprint v, Map<String, Object> out) {
    DocumentTree.putString(out, "version", v.version());
    DocumentTree.putString(out, "min_openshell_version", v.minOpenshellVersion());
    DocumentTree.putString(out, "max_openshell_version", v.maxOpenshellVersion());
    DocumentTree.putString(out, "min_openclaw_version", v.minOpenclawVersion());
    DocumentTree.putString(out, "digest", v.digest());
    DocumentTree.putString(out, "description", v.description());
    DocumentTree.putList(out, "profiles", v.profiles());
    DocumentLayout.BLUEPRINT.writeOwn(7, tree, v, out);
  }

  private static void streamBlueprint(DocumentStream out, Blueprint v) {
    if (DocumentLayout.BLUEPRINT.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(blueprint(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      DocumentLayout.BLUEPRINT.streamOwn(7, out, v);
      out.putString("description", v.description());
      out.putString("digest", v.digest());
      out.putString("max_openshell_version", v.maxOpenshellVersion());
      out.putString("min_openclaw_version", v.minOpenclawVersion());
      out.putString("min_openshell_version", v.minOpenshellVersion());
      out.putList("profiles", v.profiles());
      out.putString("version", v.version());
    } else {
      out.putString("version", v.version());
      out.putString("min_openshell_version", v.minOpenshellVersion());
      out.putString("max_openshell_version", v.maxOpenshellVersion());
      out.putString("min_openclaw_version", v.minOpenclawVersion());
      out.putString("digest", v.digest());
      out.putString("description", v.description());
      out.putList("profiles", v.profiles());
      DocumentLayout.BLUEPRINT.streamOwn(7, out, v);
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- BLUEPRINT_POLICY

  private static final class BlueprintPolicyCode extends MappingShape.Access<BlueprintPolicy, BlueprintPolicy.Builder> {

    @Override
    BlueprintPolicy.Builder newBuilder() {
      return BlueprintPolicy.builder();
    }

    @Override
    void location(BlueprintPolicy.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(BlueprintPolicy.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    BlueprintPolicy build(BlueprintPolicy.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, BlueprintPolicy.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.base((String) value);
        case 1 -> builder.additions((Map<String, NetworkPolicy>) value);
        default -> throw new IllegalArgumentException("field " + field + " of BLUEPRINT_POLICY is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, BlueprintPolicy value) {
      return blueprintPolicy(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, BlueprintPolicy value, Map<String, Object> into) {
      blueprintPolicyFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, BlueprintPolicy value) {
      streamBlueprintPolicy(out, value);
    }
  }

  private static Map<String, Object> blueprintPolicy(DocumentTree tree, BlueprintPolicy v) {
    Map<String, Object> out = tree.newMap();
    blueprintPolicyFields(tree, v, out);
    DocumentLayout.BLUEPRINT_POLICY.writeUnknown(tree, v, out);
    return out;
  }

  private static void blueprintPolicyFields(DocumentTree tree, BlueprintPolicy v, Map<String, Object> out) {
    DocumentTree.putString(out, "base", v.base());
    { var x = v.additions(); if (!x.isEmpty()) { out.put("additions", additionMap(tree, x)); } }
  }

  private static void streamBlueprintPolicy(DocumentStream out, BlueprintPolicy v) {
    if (DocumentLayout.BLUEPRINT_POLICY.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(blueprintPolicy(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      { var x = v.additions(); if (!x.isEmpty()) { out.name("additions"); streamAdditionMap(out, x); } }
      out.putString("base", v.base());
    } else {
      out.putString("base", v.base());
      { var x = v.additions(); if (!x.isEmpty()) { out.name("additions"); streamAdditionMap(out, x); } }
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- CREDENTIAL_BINDING

  private static final class CredentialBindingCode extends MappingShape.Access<CredentialBinding, CredentialBinding.Builder> {

    @Override
    CredentialBinding.Builder newBuilder() {
      return CredentialBinding.builder();
    }

    @Override
    void location(CredentialBinding.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(CredentialBinding.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    CredentialBinding build(CredentialBinding.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, CredentialBinding.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.provider((String) value);
        default -> throw new IllegalArgumentException("field " + field + " of CREDENTIAL_BINDING is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, CredentialBinding value) {
      return credentialBinding(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, CredentialBinding value, Map<String, Object> into) {
      credentialBindingFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, CredentialBinding value) {
      streamCredentialBinding(out, value);
    }
  }

  private static Map<String, Object> credentialBinding(DocumentTree tree, CredentialBinding v) {
    Map<String, Object> out = tree.newMap();
    credentialBindingFields(tree, v, out);
    DocumentLayout.CREDENTIAL_BINDING.writeUnknown(tree, v, out);
    return out;
  }

  private static void credentialBindingFields(DocumentTree tree, CredentialBinding v, Map<String, Object> out) {
    DocumentTree.putString(out, "provider", v.provider());
  }

  private static void streamCredentialBinding(DocumentStream out, CredentialBinding v) {
    if (DocumentLayout.CREDENTIAL_BINDING.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(credentialBinding(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putString("provider", v.provider());
    } else {
      out.putString("provider", v.provider());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- ENDPOINT

  private static final class EndpointCode extends MappingShape.Access<Endpoint, Endpoint.Builder> {

    @Override
    Endpoint.Builder newBuilder() {
      return Endpoint.builder();
    }

    @Override
    void location(Endpoint.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Endpoint.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    Endpoint build(Endpoint.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Endpoint.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.host((String) value);
        case 3 -> builder.path((String) value);
        case 4 -> builder.protocol((String) value);
        case 5 -> builder.tls((String) value);
        case 6 -> builder.enforcement((String) value);
        case 7 -> builder.access((String) value);
        case 8 -> builder.rules((List<AllowRule>) value);
        case 9 -> builder.denyRules((List<RuleBody>) value);
        case 10 -> builder.allowedIps((List<String>) value);
        case 11 -> builder.allowEncodedSlash((Boolean) value);
        case 12 -> builder.websocketCredentialRewrite((Boolean) value);
        case 13 -> builder.requestBodyCredentialRewrite((Boolean) value);
        case 14 -> builder.allowUninspectedCredentials((Boolean) value);
        case 15 -> builder.persistedQueries((String) value);
        case 16 -> builder.graphqlPersistedQueries((Map<String, PersistedQuery>) value);
        case 17 -> builder.graphqlMaxBodyBytes((Optional<Long>) value);
        case 18 -> builder.credentialSigning((String) value);
        case 19 -> builder.signingService((String) value);
        case 20 -> builder.signingRegion((String) value);
        case 21 -> builder.credentialBinding((CredentialBinding) value);
        case 22 -> builder.jsonRpc((JsonRpcOptions) value);
        case 23 -> builder.mcp((McpOptions) value);
        default -> throw new IllegalArgumentException("field " + field + " of ENDPOINT is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Endpoint value) {
      return endpoint(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Endpoint value, Map<String, Object> into) {
      endpointFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Endpoint value) {
      streamEndpoint(out, value);
    }
  }

  private static Map<String, Object> endpoint(DocumentTree tree, Endpoint v) {
    Map<String, Object> out = tree.newMap();
    endpointFields(tree, v, out);
    DocumentLayout.ENDPOINT.writeUnknown(tree, v, out);
    return out;
  }

  private static void endpointFields(DocumentTree tree, Endpoint v, Map<String, Object> out) {
    DocumentTree.putString(out, "host", v.host());
    DocumentLayout.ENDPOINT.writeOwn(1, tree, v, out);
    DocumentLayout.ENDPOINT.writeOwn(2, tree, v, out);
    DocumentTree.putString(out, "path", v.path());
    DocumentTree.putString(out, "protocol", v.protocol());
    DocumentTree.putString(out, "tls", v.tls());
    DocumentTree.putString(out, "enforcement", v.enforcement());
    DocumentTree.putString(out, "access", v.access());
    { var x = v.rules(); if (x.isPresent()) { out.put("rules", allowRuleList(tree, x.get())); } }
    { var x = v.denyRules(); if (x.isPresent()) { out.put("deny_rules", ruleBodyList(tree, x.get())); } }
    DocumentTree.putList(out, "allowed_ips", v.allowedIps());
    DocumentTree.putTrue(out, "allow_encoded_slash", v.allowEncodedSlash());
    DocumentTree.putTrue(out, "websocket_credential_rewrite", v.websocketCredentialRewrite());
    DocumentTree.putTrue(out, "request_body_credential_rewrite", v.requestBodyCredentialRewrite());
    DocumentTree.putTrue(out, "allow_uninspected_credentials", v.allowUninspectedCredentials());
    DocumentTree.putString(out, "persisted_queries", v.persistedQueries());
    { var x = v.graphqlPersistedQueries(); if (!x.isEmpty()) { out.put("graphql_persisted_queries", persistedQueryMap(tree, x)); } }
    DocumentTree.putOptional(out, "graphql_max_body_bytes", v.graphqlMaxBodyBytes());
    DocumentTree.putString(out, "credential_signing", v.credentialSigning());
    DocumentTree.putString(out, "signing_service", v.signingService());
    DocumentTree.putString(out, "signing_region", v.signingRegion());
    { var x = v.credentialBinding(); if (x.isPresent()) { out.put("credential_binding", credentialBinding(tree, x.get())); } }
    { var x = v.jsonRpc(); if (x.isPresent()) { out.put("json_rpc", jsonRpc(tree, x.get())); } }
    DocumentLayout.ENDPOINT.writeOwn(23, tree, v, out);
  }

  private static void streamEndpoint(DocumentStream out, Endpoint v) {
    if (DocumentLayout.ENDPOINT.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(endpoint(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putString("access", v.access());
      out.putTrue("allow_encoded_slash", v.allowEncodedSlash());
      out.putTrue("allow_uninspected_credentials", v.allowUninspectedCredentials());
      out.putList("allowed_ips", v.allowedIps());
      { var x = v.credentialBinding(); if (x.isPresent()) { out.name("credential_binding"); streamCredentialBinding(out, x.get()); } }
      out.putString("credential_signing", v.credentialSigning());
      { var x = v.denyRules(); if (x.isPresent()) { out.name("deny_rules"); streamRuleBodyList(out, x.get()); } }
      out.putString("enforcement", v.enforcement());
      out.putOptional("graphql_max_body_bytes", v.graphqlMaxBodyBytes());
      { var x = v.graphqlPersistedQueries(); if (!x.isEmpty()) { out.name("graphql_persisted_queries"); streamPersistedQueryMap(out, x); } }
      out.putString("host", v.host());
      { var x = v.jsonRpc(); if (x.isPresent()) { out.name("json_rpc"); streamJsonRpc(out, x.get()); } }
      DocumentLayout.ENDPOINT.streamOwn(23, out, v);
      out.putString("path", v.path());
      out.putString("persisted_queries", v.persistedQueries());
      DocumentLayout.ENDPOINT.streamOwn(1, out, v);
      DocumentLayout.ENDPOINT.streamOwn(2, out, v);
      out.putString("protocol", v.protocol());
      out.putTrue("request_body_credential_rewrite", v.requestBodyCredentialRewrite());
      { var x = v.rules(); if (x.isPresent()) { out.name("rules"); streamAllowRuleList(out, x.get()); } }
      out.putString("signing_region", v.signingRegion());
      out.putString("signing_service", v.signingService());
      out.putString("tls", v.tls());
      out.putTrue("websocket_credential_rewrite", v.websocketCredentialRewrite());
    } else {
      out.putString("host", v.host());
      DocumentLayout.ENDPOINT.streamOwn(1, out, v);
      DocumentLayout.ENDPOINT.streamOwn(2, out, v);
      out.putString("path", v.path());
      out.putString("protocol", v.protocol());
      out.putString("tls", v.tls());
      out.putString("enforcement", v.enforcement());
      out.putString("access", v.access());
      { var x = v.rules(); if (x.isPresent()) { out.name("rules"); streamAllowRuleList(out, x.get()); } }
      { var x = v.denyRules(); if (x.isPresent()) { out.name("deny_rules"); streamRuleBodyList(out, x.get()); } }
      out.putList("allowed_ips", v.allowedIps());
      out.putTrue("allow_encoded_slash", v.allowEncodedSlash());
      out.putTrue("websocket_credential_rewrite", v.websocketCredentialRewrite());
      out.putTrue("request_body_credential_rewrite", v.requestBodyCredentialRewrite());
      out.putTrue("allow_uninspected_credentials", v.allowUninspectedCredentials());
      out.putString("persisted_queries", v.persistedQueries());
      { var x = v.graphqlPersistedQueries(); if (!x.isEmpty()) { out.name("graphql_persisted_queries"); streamPersistedQueryMap(out, x); } }
      out.putOptional("graphql_max_body_bytes", v.graphqlMaxBodyBytes());
      out.putString("credential_signing", v.credentialSigning());
      out.putString("signing_service", v.signingService());
      out.putString("signing_region", v.signingRegion());
      { var x = v.credentialBinding(); if (x.isPresent()) { out.name("credential_binding"); streamCredentialBinding(out, x.get()); } }
      { var x = v.jsonRpc(); if (x.isPresent()) { out.name("json_rpc"); streamJsonRpc(out, x.get()); } }
      DocumentLayout.ENDPOINT.streamOwn(23, out, v);
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- FILESYSTEM_POLICY

  private static final class FilesystemPolicyCode extends MappingShape.Access<FilesystemPolicy, FilesystemPolicy.Builder> {

    @Override
    FilesystemPolicy.Builder newBuilder() {
      return FilesystemPolicy.builder();
    }

    @Override
    void location(FilesystemPolicy.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(FilesystemPolicy.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    FilesystemPolicy build(FilesystemPolicy.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, FilesystemPolicy.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.includeWorkdir((Boolean) value);
        case 1 -> builder.readOnly((List<String>) value);
        case 2 -> builder.readWrite((List<String>) value);
        default -> throw new IllegalArgumentException("field " + field + " of FILESYSTEM_POLICY is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, FilesystemPolicy value) {
      return filesystemPolicy(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, FilesystemPolicy value, Map<String, Object> into) {
      filesystemPolicyFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, FilesystemPolicy value) {
      streamFilesystemPolicy(out, value);
    }
  }

  private static Map<String, Object> filesystemPolicy(DocumentTree tree, FilesystemPolicy v) {
    Map<String, Object> out = tree.newMap();
    filesystemPolicyFields(tree, v, out);
    DocumentLayout.FILESYSTEM_POLICY.writeUnknown(tree, v, out);
    return out;
  }

  private static void filesystemPolicyFields(DocumentTree tree, FilesystemPolicy v, Map<String, Object> out) {
    DocumentTree.putTrue(out, "include_workdir", v.includeWorkdir());
    DocumentTree.putList(out, "read_only", v.readOnly());
    DocumentTree.putList(out, "read_write", v.readWrite());
  }

  private static void streamFilesystemPolicy(DocumentStream out, FilesystemPolicy v) {
    if (DocumentLayout.FILESYSTEM_POLICY.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(filesystemPolicy(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putTrue("include_workdir", v.includeWorkdir());
      out.putList("read_only", v.readOnly());
      out.putList("read_write", v.readWrite());
    } else {
      out.putTrue("include_workdir", v.includeWorkdir());
      out.putList("read_only", v.readOnly());
      out.putList("read_write", v.readWrite());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- JSON_RPC

  private static final class JsonRpcCode extends MappingShape.Access<JsonRpcOptions, JsonRpcOptions.Builder> {

    @Override
    JsonRpcOptions.Builder newBuilder() {
      return JsonRpcOptions.builder();
    }

    @Override
    void location(JsonRpcOptions.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(JsonRpcOptions.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    JsonRpcOptions build(JsonRpcOptions.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, JsonRpcOptions.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.maxBodyBytes((Optional<Long>) value);
        default -> throw new IllegalArgumentException("field " + field + " of JSON_RPC is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, JsonRpcOptions value) {
      return jsonRpc(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, JsonRpcOptions value, Map<String, Object> into) {
      jsonRpcFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, JsonRpcOptions value) {
      streamJsonRpc(out, value);
    }
  }

  private static Map<String, Object> jsonRpc(DocumentTree tree, JsonRpcOptions v) {
    Map<String, Object> out = tree.newMap();
    jsonRpcFields(tree, v, out);
    DocumentLayout.JSON_RPC.writeUnknown(tree, v, out);
    return out;
  }

  private static void jsonRpcFields(DocumentTree tree, JsonRpcOptions v, Map<String, Object> out) {
    DocumentTree.putOptional(out, "max_body_bytes", v.maxBodyBytes());
  }

  private static void streamJsonRpc(DocumentStream out, JsonRpcOptions v) {
    if (DocumentLayout.JSON_RPC.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(jsonRpc(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putOptional("max_body_bytes", v.maxBodyBytes());
    } else {
      out.putOptional("max_body_bytes", v.maxBodyBytes());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- LANDLOCK

  private static final class LandlockCode extends MappingShape.Access<Landlock, Landlock.Builder> {

    @Override
    Landlock.Builder newBuilder() {
      return Landlock.builder();
    }

    @Override
    void location(Landlock.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Landlock.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    Landlock build(Landlock.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Landlock.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.compatibility((String) value);
        default -> throw new IllegalArgumentException("field " + field + " of LANDLOCK is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Landlock value) {
      return landlock(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Landlock value, Map<String, Object> into) {
      landlockFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Landlock value) {
      streamLandlock(out, value);
    }
  }

  private static Map<String, Object> landlock(DocumentTree tree, Landlock v) {
    Map<String, Object> out = tree.newMap();
    landlockFields(tree, v, out);
    DocumentLayout.LANDLOCK.writeUnknown(tree, v, out);
    return out;
  }

  private static void landlockFields(DocumentTree tree, Landlock v, Map<String, Object> out) {
    DocumentTree.putString(out, "compatibility", v.compatibility());
  }

  private static void streamLandlock(DocumentStream out, Landlock v) {
    if (DocumentLayout.LANDLOCK.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(landlock(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putString("compatibility", v.compatibility());
    } else {
      out.putString("compatibility", v.compatibility());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- MCP

  private static final class McpCode extends MappingShape.Access<McpOptions, McpOptions.Builder> {

    @Override
    McpOptions.Builder newBuilder() {
      return McpOptions.builder();
    }

    @Override
    void location(McpOptions.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(McpOptions.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    McpOptions build(McpOptions.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, McpOptions.Builder builder, Object value) {
      switch (field) {
        case 1 -> builder.maxBodyBytes((Optional<Long>) value);
        case 2 -> builder.strictToolNames((Optional<Boolean>) value);
        case 3 -> builder.allowAllKnownMcpMethods((Optional<Boolean>) value);
        default -> throw new IllegalArgumentException("field " + field + " of MCP is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, McpOptions value) {
      return mcp(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, McpOptions value, Map<String, Object> into) {
      mcpFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, McpOptions value) {
      streamMcp(out, value);
    }
  }

  private static Map<String, Object> mcp(DocumentTree tree, McpOptions v) {
    Map<String, Object> out = tree.newMap();
    mcpFields(tree, v, out);
    DocumentLayout.MCP.writeUnknown(tree, v, out);
    return out;
  }

  private static void mcpFields(DocumentTree tree, McpOptions v, Map<String, Object> out) {
    DocumentLayout.MCP.writeOwn(0, tree, v, out);
    DocumentTree.putOptional(out, "max_body_bytes", v.maxBodyBytes());
    DocumentTree.putOptional(out, "strict_tool_names", v.strictToolNames());
    DocumentTree.putOptional(out, "allow_all_known_mcp_methods", v.allowAllKnownMcpMethods());
  }

  private static void streamMcp(DocumentStream out, McpOptions v) {
    if (DocumentLayout.MCP.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(mcp(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putOptional("allow_all_known_mcp_methods", v.allowAllKnownMcpMethods());
      out.putOptional("max_body_bytes", v.maxBodyBytes());
      out.putOptional("strict_tool_names", v.strictToolNames());
      DocumentLayout.MCP.streamOwn(0, out, v);
    } else {
      DocumentLayout.MCP.streamOwn(0, out, v);
      out.putOptional("max_body_bytes", v.maxBodyBytes());
      out.putOptional("strict_tool_names", v.strictToolNames());
      out.putOptional("allow_all_known_mcp_methods", v.allowAllKnownMcpMethods());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- MIDDLEWARE

  private static final class MiddlewareCode extends MappingShape.Access<Middleware, Middleware.Builder> {

    @Override
    Middleware.Builder newBuilder() {
      return Middleware.builder();
    }

    @Override
    void location(Middleware.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Middleware.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    Middleware build(Middleware.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Middleware.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.name((String) value);
        case 1 -> builder.middleware((String) value);
        case 4 -> builder.onError((String) value);
        case 5 -> builder.endpoints((MiddlewareSelector) value);
        default -> throw new IllegalArgumentException("field " + field + " of MIDDLEWARE is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Middleware value) {
      return middleware(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Middleware value, Map<String, Object> into) {
      middlewareFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Middleware value) {
      streamMiddleware(out, value);
    }
  }

  private static Map<String, Object> middleware(DocumentTree tree, Middleware v) {
    Map<String, Object> out = tree.newMap();
    middlewareFields(tree, v, out);
    DocumentLayout.MIDDLEWARE.writeUnknown(tree, v, out);
    return out;
  }

  private static void middlewareFields(DocumentTree tree, Middleware v, Map<String, Object> out) {
    DocumentTree.putString(out, "name", v.name());
    DocumentTree.putString(out, "middleware", v.middleware());
    DocumentLayout.MIDDLEWARE.writeOwn(2, tree, v, out);
    DocumentLayout.MIDDLEWARE.writeOwn(3, tree, v, out);
    DocumentTree.putString(out, "on_error", v.onError());
    { var x = v.endpoints(); if (x.isPresent()) { out.put("endpoints", middlewareSelector(tree, x.get())); } }
  }

  private static void streamMiddleware(DocumentStream out, Middleware v) {
    if (DocumentLayout.MIDDLEWARE.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(middleware(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      DocumentLayout.MIDDLEWARE.streamOwn(3, out, v);
      { var x = v.endpoints(); if (x.isPresent()) { out.name("endpoints"); streamMiddlewareSelector(out, x.get()); } }
      out.putString("middleware", v.middleware());
      out.putString("name", v.name());
      out.putString("on_error", v.onError());
      DocumentLayout.MIDDLEWARE.streamOwn(2, out, v);
    } else {
      out.putString("name", v.name());
      out.putString("middleware", v.middleware());
      DocumentLayout.MIDDLEWARE.streamOwn(2, out, v);
      DocumentLayout.MIDDLEWARE.streamOwn(3, out, v);
      out.putString("on_error", v.onError());
      { var x = v.endpoints(); if (x.isPresent()) { out.name("endpoints"); streamMiddlewareSelector(out, x.get()); } }
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- MIDDLEWARE_SELECTOR

  private static final class MiddlewareSelectorCode extends MappingShape.Access<MiddlewareSelector, MiddlewareSelector.Builder> {

    @Override
    MiddlewareSelector.Builder newBuilder() {
      return MiddlewareSelector.builder();
    }

    @Override
    void location(MiddlewareSelector.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(MiddlewareSelector.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    MiddlewareSelector build(MiddlewareSelector.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, MiddlewareSelector.Builder builder, Object value) {
      switch (field) {
        case 1 -> builder.exclude((List<String>) value);
        default -> throw new IllegalArgumentException("field " + field + " of MIDDLEWARE_SELECTOR is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, MiddlewareSelector value) {
      return middlewareSelector(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, MiddlewareSelector value, Map<String, Object> into) {
      middlewareSelectorFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, MiddlewareSelector value) {
      streamMiddlewareSelector(out, value);
    }
  }

  private static Map<String, Object> middlewareSelector(DocumentTree tree, MiddlewareSelector v) {
    Map<String, Object> out = tree.newMap();
    middlewareSelectorFields(tree, v, out);
    DocumentLayout.MIDDLEWARE_SELECTOR.writeUnknown(tree, v, out);
    return out;
  }

  private static void middlewareSelectorFields(DocumentTree tree, MiddlewareSelector v, Map<String, Object> out) {
    DocumentLayout.MIDDLEWARE_SELECTOR.writeOwn(0, tree, v, out);
    DocumentTree.putList(out, "exclude", v.exclude());
  }

  private static void streamMiddlewareSelector(DocumentStream out, MiddlewareSelector v) {
    if (DocumentLayout.MIDDLEWARE_SELECTOR.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(middlewareSelector(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putList("exclude", v.exclude());
      DocumentLayout.MIDDLEWARE_SELECTOR.streamOwn(0, out, v);
    } else {
      DocumentLayout.MIDDLEWARE_SELECTOR.streamOwn(0, out, v);
      out.putList("exclude", v.exclude());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- NETWORK_POLICY

  private static final class NetworkPolicyCode extends MappingShape.Access<NetworkPolicy, NetworkPolicy.Builder> {

    @Override
    NetworkPolicy.Builder newBuilder() {
      return NetworkPolicy.builder();
    }

    @Override
    void location(NetworkPolicy.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(NetworkPolicy.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    NetworkPolicy build(NetworkPolicy.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, NetworkPolicy.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.name((String) value);
        case 1 -> builder.endpoints((List<Endpoint>) value);
        case 2 -> builder.binaries((List<Binary>) value);
        default -> throw new IllegalArgumentException("field " + field + " of NETWORK_POLICY is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, NetworkPolicy value) {
      return networkPolicy(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, NetworkPolicy value, Map<String, Object> into) {
      networkPolicyFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, NetworkPolicy value) {
      streamNetworkPolicy(out, value);
    }
  }

  private static Map<String, Object> networkPolicy(DocumentTree tree, NetworkPolicy v) {
    Map<String, Object> out = tree.newMap();
    networkPolicyFields(tree, v, out);
    DocumentLayout.NETWORK_POLICY.writeUnknown(tree, v, out);
    return out;
  }

  private static void networkPolicyFields(DocumentTree tree, NetworkPolicy v, Map<String, Object> out) {
    DocumentTree.putString(out, "name", v.name());
    out.put("endpoints", endpointList(tree, v.endpoints()));
    { var x = v.binaries(); if (!x.isEmpty()) { out.put("binaries", binaryList(tree, x)); } }
  }

  private static void streamNetworkPolicy(DocumentStream out, NetworkPolicy v) {
    if (DocumentLayout.NETWORK_POLICY.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(networkPolicy(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      { var x = v.binaries(); if (!x.isEmpty()) { out.name("binaries"); streamBinaryList(out, x); } }
      out.name("endpoints"); streamEndpointList(out, v.endpoints());
      out.putString("name", v.name());
    } else {
      out.putString("name", v.name());
      out.name("endpoints"); streamEndpointList(out, v.endpoints());
      { var x = v.binaries(); if (!x.isEmpty()) { out.name("binaries"); streamBinaryList(out, x); } }
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- PERSISTED_QUERY

  private static final class PersistedQueryCode extends MappingShape.Access<PersistedQuery, PersistedQuery.Builder> {

    @Override
    PersistedQuery.Builder newBuilder() {
      return PersistedQuery.builder();
    }

    @Override
    void location(PersistedQuery.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(PersistedQuery.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    PersistedQuery build(PersistedQuery.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, PersistedQuery.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.operationType((String) value);
        case 1 -> builder.operationName((String) value);
        case 2 -> builder.fields((List<String>) value);
        default -> throw new IllegalArgumentException("field " + field + " of PERSISTED_QUERY is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, PersistedQuery value) {
      return persistedQuery(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, PersistedQuery value, Map<String, Object> into) {
      persistedQueryFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, PersistedQuery value) {
      streamPersistedQuery(out, value);
    }
  }

  private static Map<String, Object> persistedQuery(DocumentTree tree, PersistedQuery v) {
    Map<String, Object> out = tree.newMap();
    persistedQueryFields(tree, v, out);
    DocumentLayout.PERSISTED_QUERY.writeUnknown(tree, v, out);
    return out;
  }

  private static void persistedQueryFields(DocumentTree tree, PersistedQuery v, Map<String, Object> out) {
    DocumentTree.putString(out, "operation_type", v.operationType());
    DocumentTree.putString(out, "operation_name", v.operationName());
    DocumentTree.putList(out, "fields", v.fields());
  }

  private static void streamPersistedQuery(DocumentStream out, PersistedQuery v) {
    if (DocumentLayout.PERSISTED_QUERY.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(persistedQuery(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putList("fields", v.fields());
      out.putString("operation_name", v.operationName());
      out.putString("operation_type", v.operationType());
    } else {
      out.putString("operation_type", v.operationType());
      out.putString("operation_name", v.operationName());
      out.putList("fields", v.fields());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- POLICY

  private static final class PolicyCode extends MappingShape.Access<Policy, Policy.Builder> {

    @Override
    Policy.Builder newBuilder() {
      return Policy.builder();
    }

    @Override
    void location(Policy.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Policy.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    Policy build(Policy.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Policy.Builder builder, Object value) {
      switch (field) {
        case 1 -> builder.filesystemPolicy((FilesystemPolicy) value);
        case 2 -> builder.landlock((Landlock) value);
        case 3 -> builder.process((ProcessPolicy) value);
        case 4 -> builder.networkPolicies((Map<String, NetworkPolicy>) value);
        case 5 -> builder.networkMiddlewares((Map<String, Middleware>) value);
        default -> throw new IllegalArgumentException("field " + field + " of POLICY is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Policy value) {
      return policy(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Policy value, Map<String, Object> into) {
      policyFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Policy value) {
      streamPolicy(out, value);
    }
  }

  private static Map<String, Object> policy(DocumentTree tree, Policy v) {
    Map<String, Object> out = tree.newMap();
    policyFields(tree, v, out);
    DocumentLayout.POLICY.writeUnknown(tree, v, out);
    return out;
  }

  private static void policyFields(DocumentTree tree, Policy v, Map<String, Object> out) {
    DocumentLayout.POLICY.writeOwn(0, tree, v, out);
    { var x = v.filesystemPolicy(); if (x.isPresent()) { out.put("filesystem_policy", filesystemPolicy(tree, x.get())); } }
    { var x = v.landlock(); if (x.isPresent()) { out.put("landlock", landlock(tree, x.get())); } }
    { var x = v.process(); if (x.isPresent()) { out.put("process", process(tree, x.get())); } }
    out.put("network_policies", networkPolicyMap(tree, v.networkPolicies()));
    { var x = v.networkMiddlewares(); if (!x.isEmpty()) { out.put("network_middlewares", middlewareMap(tree, x)); } }
  }

  private static void streamPolicy(DocumentStream out, Policy v) {
    if (DocumentLayout.POLICY.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(policy(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      { var x = v.filesystemPolicy(); if (x.isPresent()) { out.name("filesystem_policy"); streamFilesystemPolicy(out, x.get()); } }
      { var x = v.landlock(); if (x.isPresent()) { out.name("landlock"); streamLandlock(out, x.get()); } }
      { var x = v.networkMiddlewares(); if (!x.isEmpty()) { out.name("network_middlewares"); streamMiddlewareMap(out, x); } }
      out.name("network_policies"); streamNetworkPolicyMap(out, v.networkPolicies());
      { var x = v.process(); if (x.isPresent()) { out.name("process"); streamProcess(out, x.get()); } }
      DocumentLayout.POLICY.streamOwn(0, out, v);
    } else {
      DocumentLayout.POLICY.streamOwn(0, out, v);
      { var x = v.filesystemPolicy(); if (x.isPresent()) { out.name("filesystem_policy"); streamFilesystemPolicy(out, x.get()); } }
      { var x = v.landlock(); if (x.isPresent()) { out.name("landlock"); streamLandlock(out, x.get()); } }
      { var x = v.process(); if (x.isPresent()) { out.name("process"); streamProcess(out, x.get()); } }
      out.name("network_policies"); streamNetworkPolicyMap(out, v.networkPolicies());
      { var x = v.networkMiddlewares(); if (!x.isEmpty()) { out.name("network_middlewares"); streamMiddlewareMap(out, x); } }
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- PRESET

  private static final class PresetCode extends MappingShape.Access<Preset, Preset.Builder> {

    @Override
    Preset.Builder newBuilder() {
      return Preset.builder();
    }

    @Override
    void location(Preset.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Preset.Builder builder, Map<String, Object> unknown) {
      builder.putAllUnknownFields(unknown);
    }

    @Override
    Preset build(Preset.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Preset.Builder builder, Object value) {
      switch (field) {
        case 1 -> builder.networkPolicies((Map<String, NetworkPolicy>) value);
        default -> throw new IllegalArgumentException("field " + field + " of PRESET is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Preset value) {
      return preset(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Preset value, Map<String, Object> into) {
      presetFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Preset value) {
      streamPreset(out, value);
    }
  }

  private static Map<String, Object> preset(DocumentTree tree, Preset v) {
    Map<String, Object> out = tree.newMap();
    presetFields(tree, v, out);
    DocumentLayout.PRESET.writeUnknown(tree, v, out);
    return out;
  }

  private static void presetFields(DocumentTree tree, Preset v, Map<String, Object> out) {
    DocumentLayout.PRESET.writeOwn(0, tree, v, out);
    out.put("network_policies", networkPolicyMap(tree, v.networkPolicies()));
  }

  private static void streamPreset(DocumentStream out, Preset v) {
    if (DocumentLayout.PRESET.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(preset(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.name("network_policies"); streamNetworkPolicyMap(out, v.networkPolicies());
      DocumentLayout.PRESET.streamOwn(0, out, v);
    } else {
      DocumentLayout.PRESET.streamOwn(0, out, v);
      out.name("network_policies"); streamNetworkPolicyMap(out, v.networkPolicies());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- PRESET_HEADER

  private static final class PresetHeaderCode extends MappingShape.Access<Preset, Preset.Builder> {

    @Override
    Preset.Builder newBuilder() {
      return Preset.builder();
    }

    @Override
    void location(Preset.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Preset.Builder builder, Map<String, Object> unknown) {
      builder.putAllUnknownFields(unknown);
    }

    @Override
    Preset build(Preset.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Preset.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.name((String) value);
        case 1 -> builder.description((String) value);
        default -> throw new IllegalArgumentException("field " + field + " of PRESET_HEADER is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Preset value) {
      return presetHeader(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Preset value, Map<String, Object> into) {
      presetHeaderFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Preset value) {
      streamPresetHeader(out, value);
    }
  }

  private static Map<String, Object> presetHeader(DocumentTree tree, Preset v) {
    Map<String, Object> out = tree.newMap();
    presetHeaderFields(tree, v, out);
    DocumentLayout.PRESET_HEADER.writeUnknown(tree, v, out);
    return out;
  }

  private static void presetHeaderFields(DocumentTree tree, Preset v, Map<String, Object> out) {
    DocumentTree.putNonNull(out, "name", v.name());
    DocumentTree.putNonNull(out, "description", v.description());
  }

  private static void streamPresetHeader(DocumentStream out, Preset v) {
    if (DocumentLayout.PRESET_HEADER.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(presetHeader(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putNonNull("description", v.description());
      out.putNonNull("name", v.name());
    } else {
      out.putNonNull("name", v.name());
      out.putNonNull("description", v.description());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- PROCESS

  private static final class ProcessCode extends MappingShape.Access<ProcessPolicy, ProcessPolicy.Builder> {

    @Override
    ProcessPolicy.Builder newBuilder() {
      return ProcessPolicy.builder();
    }

    @Override
    void location(ProcessPolicy.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(ProcessPolicy.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    ProcessPolicy build(ProcessPolicy.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, ProcessPolicy.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.runAsUser((Optional<String>) value);
        case 1 -> builder.runAsGroup((Optional<String>) value);
        default -> throw new IllegalArgumentException("field " + field + " of PROCESS is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, ProcessPolicy value) {
      return process(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, ProcessPolicy value, Map<String, Object> into) {
      processFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, ProcessPolicy value) {
      streamProcess(out, value);
    }
  }

  private static Map<String, Object> process(DocumentTree tree, ProcessPolicy v) {
    Map<String, Object> out = tree.newMap();
    processFields(tree, v, out);
    DocumentLayout.PROCESS.writeUnknown(tree, v, out);
    return out;
  }

  private static void processFields(DocumentTree tree, ProcessPolicy v, Map<String, Object> out) {
    DocumentTree.putOptional(out, "run_as_user", v.runAsUser());
    DocumentTree.putOptional(out, "run_as_group", v.runAsGroup());
  }

  private static void streamProcess(DocumentStream out, ProcessPolicy v) {
    if (DocumentLayout.PROCESS.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(process(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putOptional("run_as_group", v.runAsGroup());
      out.putOptional("run_as_user", v.runAsUser());
    } else {
      out.putOptional("run_as_user", v.runAsUser());
      out.putOptional("run_as_group", v.runAsGroup());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- RULE_BODY

  private static final class RuleBodyCode extends MappingShape.Access<RuleBody, RuleBody.Builder> {

    @Override
    RuleBody.Builder newBuilder() {
      return RuleBody.builder();
    }

    @Override
    void location(RuleBody.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(RuleBody.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    RuleBody build(RuleBody.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, RuleBody.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.method((String) value);
        case 1 -> builder.path((String) value);
        case 2 -> builder.command((String) value);
        case 4 -> builder.operationType((String) value);
        case 5 -> builder.operationName((String) value);
        case 6 -> builder.fields((List<String>) value);
        default -> throw new IllegalArgumentException("field " + field + " of RULE_BODY is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, RuleBody value) {
      return ruleBody(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, RuleBody value, Map<String, Object> into) {
      ruleBodyFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, RuleBody value) {
      streamRuleBody(out, value);
    }
  }

  private static Map<String, Object> ruleBody(DocumentTree tree, RuleBody v) {
    Map<String, Object> out = tree.newMap();
    ruleBodyFields(tree, v, out);
    DocumentLayout.RULE_BODY.writeUnknown(tree, v, out);
    return out;
  }

  private static void ruleBodyFields(DocumentTree tree, RuleBody v, Map<String, Object> out) {
    DocumentTree.putString(out, "method", v.method());
    DocumentTree.putString(out, "path", v.path());
    DocumentTree.putString(out, "command", v.command());
    DocumentLayout.RULE_BODY.writeOwn(3, tree, v, out);
    DocumentTree.putString(out, "operation_type", v.operationType());
    DocumentTree.putString(out, "operation_name", v.operationName());
    DocumentTree.putList(out, "fields", v.fields());
    DocumentLayout.RULE_BODY.writeOwn(7, tree, v, out);
    DocumentLayout.RULE_BODY.writeOwn(8, tree, v, out);
  }

  private static void streamRuleBody(DocumentStream out, RuleBody v) {
    if (DocumentLayout.RULE_BODY.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(ruleBody(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putString("command", v.command());
      out.putList("fields", v.fields());
      out.putString("method", v.method());
      out.putString("operation_name", v.operationName());
      out.putString("operation_type", v.operationType());
      DocumentLayout.RULE_BODY.streamOwn(8, out, v);
      out.putString("path", v.path());
      DocumentLayout.RULE_BODY.streamOwn(3, out, v);
      DocumentLayout.RULE_BODY.streamOwn(7, out, v);
    } else {
      out.putString("method", v.method());
      out.putString("path", v.path());
      out.putString("command", v.command());
      DocumentLayout.RULE_BODY.streamOwn(3, out, v);
      out.putString("operation_type", v.operationType());
      out.putString("operation_name", v.operationName());
      out.putList("fields", v.fields());
      DocumentLayout.RULE_BODY.streamOwn(7, out, v);
      DocumentLayout.RULE_BODY.streamOwn(8, out, v);
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- TIER

  private static final class TierCode extends MappingShape.Access<Tier, Tier.Builder> {

    @Override
    Tier.Builder newBuilder() {
      return Tier.builder();
    }

    @Override
    void location(Tier.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(Tier.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    Tier build(Tier.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, Tier.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.name((String) value);
        case 1 -> builder.label((String) value);
        case 2 -> builder.description((String) value);
        case 3 -> builder.presets((List<TierPreset>) value);
        default -> throw new IllegalArgumentException("field " + field + " of TIER is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, Tier value) {
      return tier(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, Tier value, Map<String, Object> into) {
      tierFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, Tier value) {
      streamTier(out, value);
    }
  }

  private static Map<String, Object> tier(DocumentTree tree, Tier v) {
    Map<String, Object> out = tree.newMap();
    tierFields(tree, v, out);
    DocumentLayout.TIER.writeUnknown(tree, v, out);
    return out;
  }

  private static void tierFields(DocumentTree tree, Tier v, Map<String, Object> out) {
    DocumentTree.putNonNull(out, "name", v.name());
    DocumentTree.putNonNull(out, "label", v.label());
    DocumentTree.putNonNull(out, "description", v.description());
    out.put("presets", tierPresetList(tree, v.presets()));
  }

  private static void streamTier(DocumentStream out, Tier v) {
    if (DocumentLayout.TIER.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(tier(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putNonNull("description", v.description());
      out.putNonNull("label", v.label());
      out.putNonNull("name", v.name());
      out.name("presets"); streamTierPresetList(out, v.presets());
    } else {
      out.putNonNull("name", v.name());
      out.putNonNull("label", v.label());
      out.putNonNull("description", v.description());
      out.name("presets"); streamTierPresetList(out, v.presets());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- TIER_CATALOG

  private static final class TierCatalogCode extends MappingShape.Access<TierCatalog, TierCatalog.Builder> {

    @Override
    TierCatalog.Builder newBuilder() {
      return TierCatalog.builder();
    }

    @Override
    void location(TierCatalog.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(TierCatalog.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    TierCatalog build(TierCatalog.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, TierCatalog.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.tiers((List<Tier>) value);
        default -> throw new IllegalArgumentException("field " + field + " of TIER_CATALOG is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, TierCatalog value) {
      return tierCatalog(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, TierCatalog value, Map<String, Object> into) {
      tierCatalogFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, TierCatalog value) {
      streamTierCatalog(out, value);
    }
  }

  private static Map<String, Object> tierCatalog(DocumentTree tree, TierCatalog v) {
    Map<String, Object> out = tree.newMap();
    tierCatalogFields(tree, v, out);
    DocumentLayout.TIER_CATALOG.writeUnknown(tree, v, out);
    return out;
  }

  private static void tierCatalogFields(DocumentTree tree, TierCatalog v, Map<String, Object> out) {
    out.put("tiers", tierList(tree, v.tiers()));
  }

  private static void streamTierCatalog(DocumentStream out, TierCatalog v) {
    if (DocumentLayout.TIER_CATALOG.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(tierCatalog(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.name("tiers"); streamTierList(out, v.tiers());
    } else {
      out.name("tiers"); streamTierList(out, v.tiers());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- TIER_PRESET

  private static final class TierPresetCode extends MappingShape.Access<TierPreset, TierPreset.Builder> {

    @Override
    TierPreset.Builder newBuilder() {
      return TierPreset.builder();
    }

    @Override
    void location(TierPreset.Builder builder, SourceLocation at) {
      builder.location(at);
    }

    @Override
    void unknownFields(TierPreset.Builder builder, Map<String, Object> unknown) {
      builder.unknownFields(unknown);
    }

    @Override
    TierPreset build(TierPreset.Builder builder) {
      return builder.build();
    }

    @Override
    void set(int field, TierPreset.Builder builder, Object value) {
      switch (field) {
        case 0 -> builder.name((String) value);
        case 1 -> builder.access((String) value);
        default -> throw new IllegalArgumentException("field " + field + " of TIER_PRESET is read by its own reader");
      }
    }

    @Override
    Map<String, Object> write(DocumentTree tree, TierPreset value) {
      return tierPreset(tree, value);
    }

    @Override
    void writeFields(DocumentTree tree, TierPreset value, Map<String, Object> into) {
      tierPresetFields(tree, value, into);
    }

    @Override
    void stream(DocumentStream out, TierPreset value) {
      streamTierPreset(out, value);
    }
  }

  private static Map<String, Object> tierPreset(DocumentTree tree, TierPreset v) {
    Map<String, Object> out = tree.newMap();
    tierPresetFields(tree, v, out);
    DocumentLayout.TIER_PRESET.writeUnknown(tree, v, out);
    return out;
  }

  private static void tierPresetFields(DocumentTree tree, TierPreset v, Map<String, Object> out) {
    DocumentTree.putNonNull(out, "name", v.name());
    DocumentTree.putNonNull(out, "access", v.access());
  }

  private static void streamTierPreset(DocumentStream out, TierPreset v) {
    if (DocumentLayout.TIER_PRESET.writesUnknown(v)) {
      // the tree decides where unknown keys go
      out.tree(tierPreset(out.layout(), v));
      return;
    }
    out.startMapping();
    if (out.layout().canonical()) {
      out.putNonNull("access", v.access());
      out.putNonNull("name", v.name());
    } else {
      out.putNonNull("name", v.name());
      out.putNonNull("access", v.access());
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- lists of ALLOW_RULE

  private static List<Object> allowRuleList(DocumentTree tree, List<AllowRule> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (AllowRule item : items) {
      out.add(allowRule(tree, item));
    }
    return out;
  }

  private static void streamAllowRuleList(DocumentStream out, List<AllowRule> items) {
    out.startList();
    for (AllowRule item : items) {
      streamAllowRule(out, item);
    }
    out.endList();
  }

  // ---------------------------------------------------------------- lists of BINARY

  private static List<Object> binaryList(DocumentTree tree, List<Binary> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Binary item : items) {
      out.add(binary(tree, item));
    }
    return out;
  }

  private static void streamBinaryList(DocumentStream out, List<Binary> items) {
    out.startList();
    for (Binary item : items) {
      streamBinary(out, item);
    }
    out.endList();
  }

  // ---------------------------------------------------------------- lists of ENDPOINT

  private static List<Object> endpointList(DocumentTree tree, List<Endpoint> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Endpoint item : items) {
      out.add(endpoint(tree, item));
    }
    return out;
  }

  private static void streamEndpointList(DocumentStream out, List<Endpoint> items) {
    out.startList();
    for (Endpoint item : items) {
      streamEndpoint(out, item);
    }
    out.endList();
  }

  // ---------------------------------------------------------------- lists of RULE_BODY

  private static List<Object> ruleBodyList(DocumentTree tree, List<RuleBody> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (RuleBody item : items) {
      out.add(ruleBody(tree, item));
    }
    return out;
  }

  private static void streamRuleBodyList(DocumentStream out, List<RuleBody> items) {
    out.startList();
    for (RuleBody item : items) {
      streamRuleBody(out, item);
    }
    out.endList();
  }

  // ---------------------------------------------------------------- lists of TIER

  private static List<Object> tierList(DocumentTree tree, List<Tier> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Tier item : items) {
      out.add(tier(tree, item));
    }
    return out;
  }

  private static void streamTierList(DocumentStream out, List<Tier> items) {
    out.startList();
    for (Tier item : items) {
      streamTier(out, item);
    }
    out.endList();
  }

  // ---------------------------------------------------------------- lists of TIER_PRESET

  private static List<Object> tierPresetList(DocumentTree tree, List<TierPreset> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (TierPreset item : items) {
      out.add(tierPreset(tree, item));
    }
    return out;
  }

  private static void streamTierPresetList(DocumentStream out, List<TierPreset> items) {
    out.startList();
    for (TierPreset item : items) {
      streamTierPreset(out, item);
    }
    out.endList();
  }

  // ---------------------------------------------------------------- maps of ADDITION

  private static Map<String, Object> additionMap(DocumentTree tree, Map<String, NetworkPolicy> named) {
    Map<String, Object> out = tree.newMap();
    for (Map.Entry<String, NetworkPolicy> e : named.entrySet()) {
      out.put(e.getKey(), addition(tree, e.getValue()));
    }
    return out;
  }

  /** In the map's own order, or sorted by name when canonical. */
  private static void streamAdditionMap(DocumentStream out, Map<String, NetworkPolicy> named) {
    out.startMapping();
    if (out.sortsNames(named)) {
      for (String name : DocumentStream.sortedNames(named)) {
        out.name(name);
        streamAddition(out, named.get(name));
      }
    } else {
      for (Map.Entry<String, NetworkPolicy> e : named.entrySet()) {
        out.name(e.getKey());
        streamAddition(out, e.getValue());
      }
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- maps of MIDDLEWARE

  private static Map<String, Object> middlewareMap(DocumentTree tree, Map<String, Middleware> named) {
    Map<String, Object> out = tree.newMap();
    for (Map.Entry<String, Middleware> e : named.entrySet()) {
      out.put(e.getKey(), middleware(tree, e.getValue()));
    }
    return out;
  }

  /** In the map's own order, or sorted by name when canonical. */
  private static void streamMiddlewareMap(DocumentStream out, Map<String, Middleware> named) {
    out.startMapping();
    if (out.sortsNames(named)) {
      for (String name : DocumentStream.sortedNames(named)) {
        out.name(name);
        streamMiddleware(out, named.get(name));
      }
    } else {
      for (Map.Entry<String, Middleware> e : named.entrySet()) {
        out.name(e.getKey());
        streamMiddleware(out, e.getValue());
      }
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- maps of NETWORK_POLICY

  private static Map<String, Object> networkPolicyMap(DocumentTree tree, Map<String, NetworkPolicy> named) {
    Map<String, Object> out = tree.newMap();
    for (Map.Entry<String, NetworkPolicy> e : named.entrySet()) {
      out.put(e.getKey(), networkPolicy(tree, e.getValue()));
    }
    return out;
  }

  /** In the map's own order, or sorted by name when canonical. */
  private static void streamNetworkPolicyMap(DocumentStream out, Map<String, NetworkPolicy> named) {
    out.startMapping();
    if (out.sortsNames(named)) {
      for (String name : DocumentStream.sortedNames(named)) {
        out.name(name);
        streamNetworkPolicy(out, named.get(name));
      }
    } else {
      for (Map.Entry<String, NetworkPolicy> e : named.entrySet()) {
        out.name(e.getKey());
        streamNetworkPolicy(out, e.getValue());
      }
    }
    out.endMapping();
  }

  // ---------------------------------------------------------------- maps of PERSISTED_QUERY

  private static Map<String, Object> persistedQueryMap(DocumentTree tree, Map<String, PersistedQuery> named) {
    Map<String, Object> out = tree.newMap();
    for (Map.Entry<String, PersistedQuery> e : named.entrySet()) {
      out.put(e.getKey(), persistedQuery(tree, e.getValue()));
    }
    return out;
  }

  /** In the map's own order, or sorted by name when canonical. */
  private static void streamPersistedQueryMap(DocumentStream out, Map<String, PersistedQuery> named) {
    out.startMapping();
    if (out.sortsNames(named)) {
      for (String name : DocumentStream.sortedNames(named)) {
        out.name(name);
        streamPersistedQuery(out, named.get(name));
      }
    } else {
      for (Map.Entry<String, PersistedQuery> e : named.entrySet()) {
        out.name(e.getKey());
        streamPersistedQuery(out, e.getValue());
      }
    }
    out.endMapping();
  }
}
