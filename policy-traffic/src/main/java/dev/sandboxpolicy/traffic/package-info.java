/** Sandbox policy traffic: decision logs, replay, advice (work in progress). */
package dev.sandboxpolicy.traffic;
