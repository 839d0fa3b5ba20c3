package dev.sandboxpolicy.analysis;

import dev.sandboxpolicy.model.Problem;
import java.util.List;

final class Lint {
  private Lint() {}

  static List<Problem> run(PolicyModel m) {
    return List.of();
  }
}
