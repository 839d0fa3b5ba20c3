package dev.sandboxpolicy.rules;

import dev.sandboxpolicy.model.ProblemCode;
import dev.sandboxpolicy.model.ProcessPolicy;
import java.util.Optional;

/** {@code process} identities (spec §1.4, §2.2). */
final class ProcessRules {

  /** Spec §1.4: the largest accepted numeric id; 4294967295 is the "no id" sentinel. */
  static final long MAX_ID = 4_294_967_294L;
  /** Spec §1.4: 0 (root) is rejected. */
  static final long MIN_ID = 1L;

  private ProcessRules() {}

  static void check(ProcessPolicy process, ProblemSink sink) {
    checkIdentity("run_as_user", process.runAsUser(), sink);
    checkIdentity("run_as_group", process.runAsGroup(), sink);
  }

  private static void checkIdentity(String field, Optional<String> value, ProblemSink sink) {
    if (value.isEmpty() || value.get().isEmpty() || isValidIdentity(value.get())) {
      return;
    }
    sink.error(ProblemCode.PROCESS_IDENTITY_INVALID, "/process/" + field, field
        + " must be 'sandbox' or a numeric UID/GID in range [1, 4294967294], got '" + value.get() + "'");
  }

  /** {@code sandbox}, or a decimal u32 in [1, 4294967294] with an optional leading {@code +} and leading zeros. */
  static boolean isValidIdentity(String value) {
    if (value.equals("sandbox")) {
      return true;
    }
    int start = value.startsWith("+") ? 1 : 0;
    if (start == value.length()) {
      return false;
    }
    long n = 0;
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      n = n * 10 + (c - '0');
      if (n > MAX_ID) {
        return false;
      }
    }
    return n >= MIN_ID;
  }
}
