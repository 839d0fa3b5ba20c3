/**
 * {@link dev.sandboxpolicy.testfiles.PolicyTestFiles}: policy test files as JUnit 5 dynamic tests, one per case.
 * JUnit 5 ({@code junit-jupiter-api}) is provided by the project that uses it.
 */
package dev.sandboxpolicy.testfiles;
