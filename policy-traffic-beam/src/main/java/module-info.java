/** Sandbox policy traffic replay as an Apache Beam pipeline */
module dev.sandboxpolicy.traffic.beam {
  requires dev.sandboxpolicy.traffic;
}
