package dev.sandboxpolicy.testkit.junit;

import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.SeededCase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The arguments of {@link GeneratedPolicies}. */
final class GeneratedPoliciesProvider extends AnnotationBasedArgumentsProvider<GeneratedPolicies> {

  /** The share of GraphQL, of JSON-RPC and of MCP endpoints with {@link GeneratedPolicies#bodyProtocols()}. */
  static final double BODY_PROTOCOL_SHARE = 0.1;

  @Override
  protected Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context, GeneratedPolicies source) {
    PolicyGenerator generator = generator(source.bodyProtocols());
    long seed = SeededCase.seedInEffect(source.seed());
    return SeededCase.of(seed, source.count(), source.maxEntries()).stream().map(c -> {
      Policy policy = c.generate(generator.policies());
      return Arguments.of(Named.of(c.describe() + ": " + entries(policy), policy));
    });
  }

  /** The policy generator: defaults, plus body protocols when asked for. */
  static PolicyGenerator generator(boolean bodyProtocols) {
    if (!bodyProtocols) {
      return PolicyGenerator.defaults();
    }
    return PolicyGenerator.builder()
        .graphqlShare(BODY_PROTOCOL_SHARE)
        .jsonRpcShare(BODY_PROTOCOL_SHARE)
        .mcpShare(BODY_PROTOCOL_SHARE)
        .build();
  }

  static String entries(Policy policy) {
    int n = policy.networkPolicies().size();
    return n + (n == 1 ? " entry" : " entries");
  }
}
