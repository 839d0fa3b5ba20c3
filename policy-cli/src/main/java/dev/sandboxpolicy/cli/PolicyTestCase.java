package dev.sandboxpolicy.cli;

import dev.sandboxpolicy.matcher.Verdict;
import dev.sandboxpolicy.model.SourceLocation;
import dev.sandboxpolicy.traffic.input.DecisionRequest;
import java.util.Optional;

/**
 * One case of a {@link PolicyTestFile}: a request and what its decision must be.
 *
 * @param name the case's name, unique in its file
 * @param at where the case is written (its JSON pointer, line and column in the test file)
 * @param request the request, decoded as the stdio protocol's {@code decide} request
 * @param expect the verdict the decision must have
 * @param entry the network-policy key that must decide ({@link dev.sandboxpolicy.matcher.Decision#matchedPolicy()}),
 *     when given
 * @param reasonContains a text the decision's reason must contain, when given
 */
record PolicyTestCase(
    String name,
    SourceLocation at,
    DecisionRequest request,
    Verdict expect,
    Optional<String> entry,
    Optional<String> reasonContains) {}
