/** Sandbox policy traffic replay as an Apache Beam pipeline (work in progress). */
package dev.sandboxpolicy.traffic.beam;
