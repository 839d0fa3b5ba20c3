package dev.sandboxpolicy.testkit.junit;

import dev.sandboxpolicy.io.PolicyReader;
import dev.sandboxpolicy.io.ReadMode;
import dev.sandboxpolicy.io.ReadResult;
import dev.sandboxpolicy.matcher.L7Request;
import dev.sandboxpolicy.matcher.NetworkRequest;
import dev.sandboxpolicy.model.Policy;
import dev.sandboxpolicy.model.Problem;
import dev.sandboxpolicy.testkit.Generator;
import dev.sandboxpolicy.testkit.PolicyGenerator;
import dev.sandboxpolicy.testkit.RequestGenerator;
import dev.sandboxpolicy.testkit.SeededCase;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The arguments of {@link GeneratedRequests}. */
final class GeneratedRequestsProvider extends AnnotationBasedArgumentsProvider<GeneratedRequests> {

  /** How many generated policies one case tries before giving up on finding the kind of request asked for. */
  static final int POLICY_ATTEMPTS = 20;

  private record Generated(Policy policy, Object request) {}

  @Override
  protected Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context, GeneratedRequests source) {
    long seed = SeededCase.seedInEffect(source.seed());
    Policy fixed = source.policyFile().isEmpty() ? null : read(Path.of(source.policyFile()));
    RequestGenerator forFixed = fixed == null ? null : RequestGenerator.forPolicy(fixed);
    // Every policy gets L7 endpoints when requests (not connections) are asked for, so that one can be found.
    PolicyGenerator policies = PolicyGenerator.builder().l7Share(isRequest(source.kind()) ? 1.0 : 0.5).build();
    Generator<Generated> generator = (random, size) -> {
      if (fixed != null) {
        return new Generated(fixed, requests(forFixed, source.kind()).generate(random, size));
      }
      IllegalStateException last = null;
      for (int attempt = 0; attempt < POLICY_ATTEMPTS; attempt++) {
        Policy policy = policies.policy(random, Math.max(1, Math.min(size, source.maxEntries())));
        try {
          return new Generated(policy, requests(RequestGenerator.forPolicy(policy), source.kind()).generate(random, size));
        } catch (IllegalStateException e) {
          last = e; // no such request for this policy: try another one
        }
      }
      throw last;
    };
    return SeededCase.of(seed, source.count(), source.maxEntries()).stream().map(c -> {
      Generated g = c.generate(generator);
      String policyName = fixed != null ? source.policyFile() : GeneratedPoliciesProvider.entries(g.policy());
      return Arguments.of(
          Named.of(c.describe() + ": " + describe(g.request()), g.request()), Named.of(policyName, g.policy()));
    });
  }

  private static boolean isRequest(GeneratedRequests.Kind kind) {
    return kind == GeneratedRequests.Kind.REQUESTS || kind == GeneratedRequests.Kind.ALLOWED_REQUESTS
        || kind == GeneratedRequests.Kind.DENIED_REQUESTS;
  }

  private static Generator<?> requests(RequestGenerator g, GeneratedRequests.Kind kind) {
    return switch (kind) {
      case CONNECTIONS -> g.connections();
      case ALLOWED_CONNECTIONS -> g.allowedConnections();
      case DENIED_CONNECTIONS -> g.deniedConnections();
      case REQUESTS -> g.requests();
      case ALLOWED_REQUESTS -> g.allowedRequests();
      case DENIED_REQUESTS -> g.deniedRequests();
    };
  }

  /** A request in words: {@code GET /a on host:port binary}, or {@code host:port binary}. */
  static String describe(Object request) {
    if (request instanceof L7Request r) {
      return r.method() + " " + r.path() + " on " + describe(r.connection());
    }
    NetworkRequest c = (NetworkRequest) request;
    return c.host() + ":" + c.port() + " " + (c.binary().isEmpty() ? "(no binary)" : c.binary());
  }

  private static Policy read(Path file) {
    ReadResult<Policy> read = PolicyReader.of(ReadMode.STRICT).readPolicy(file);
    if (read.hasErrors() || read.value().isEmpty()) {
      throw new IllegalArgumentException("@GeneratedRequests(policyFile = \"" + file + "\"): the policy does"
          + " not load:\n" + read.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }
    return read.value().get();
  }
}
