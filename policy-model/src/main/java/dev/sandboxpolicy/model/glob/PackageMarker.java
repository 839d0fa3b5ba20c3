package dev.sandboxpolicy.model.glob;

/** Keeps the package non-empty until its first real type lands; delete it then. */
final class PackageMarker {
  private PackageMarker() {}
}
