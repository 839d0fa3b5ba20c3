#!/usr/bin/env bash
# Start-up time of `policyctl validate` on the bundled example, as a ratio to a bare `java -version` on the same
# machine, measured in one run with the two commands interleaved (the machine may be shared: interleaving spreads
# any load over both). Prints the median and the quartiles of each, and the ratio of the medians.
#
#   benchmarks/startup.sh [ROUNDS]        (default 30; run from anywhere)
#
# The launcher is run as users run it (freshness check, JVM flags, AppCDS archive). Two warm-up runs first: the
# first one after a build writes the archive.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-30}"
cd "$root"
java_cmd="java"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && java_cmd="$JAVA_HOME/bin/java"

cli=(./policyctl validate examples/policies/sandbox.yaml)
"${cli[@]}" >/dev/null
"${cli[@]}" >/dev/null

now() { date +%s%N; }
declare -a java_ms cli_ms
for ((i = 0; i < rounds; i++)); do
  t0=$(now); "$java_cmd" -version >/dev/null 2>&1; t1=$(now)
  "${cli[@]}" >/dev/null; t2=$(now)
  java_ms+=($(( (t1 - t0) / 1000000 )))
  cli_ms+=($(( (t2 - t1) / 1000000 )))
done

stats() { # prints "median q1 q3" of the numbers given
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[int((NR+3)/4)], a[int((3*NR+1)/4)]}'
}
read -r jm jq1 jq3 <<<"$(stats "${java_ms[@]}")"
read -r cm cq1 cq3 <<<"$(stats "${cli_ms[@]}")"
echo "rounds: $rounds (interleaved)"
echo "java -version:                          median ${jm} ms (q1 ${jq1}, q3 ${jq3})"
echo "policyctl validate (bundled example):   median ${cm} ms (q1 ${cq1}, q3 ${cq3})"
awk -v c="$cm" -v j="$jm" 'BEGIN {printf "ratio (medians): %.2fx\n", c / j}'
