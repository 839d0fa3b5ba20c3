/**
 * Network value types: host names, ports, IP addresses and CIDR ranges, parsed the way the upstream tools parse them.
 */
package dev.sandboxpolicy.model.net;
