#!/usr/bin/env bash
# Start-up time of `policyctl validate` on the bundled example, as a ratio to a bare `java -version` on the same
# machine, measured in one run with the commands interleaved (the machine may be shared: interleaving spreads any
# load over all of them). For each command: the median wall time and the median CPU time (user + system, which a
# busy machine inflates much less than wall time), and the ratios of the medians to `java -version`.
#
#   benchmarks/startup.sh [ROUNDS]        (default 30; run from anywhere)
#   BASELINE=DIR benchmarks/startup.sh [ROUNDS]
#
# BASELINE names another clone or export of this repository (e.g. `git worktree add /tmp/base main`, then build it
# with `mvn -B -q -DskipTests -pl policy-cli -am package` there): its launcher's validate and check run in the same
# rounds, for a before/after comparison measured under the same load.
#
# Commands: the launcher as users run it (`./policyctl`: JVM flags and the AppCDS archive), the README's first
# command through it, the launcher without the archive (POLICYCTL_CDS=0), and the bare jar (`java -jar`, default JVM
# flags: how policyctl started before). Two warm-up runs first (`mvn package` writes the archive; if it is missing,
# the first run writes it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-30}"
cd "$root"
java_cmd="java"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && java_cmd="$JAVA_HOME/bin/java"
example=examples/policies/sandbox.yaml

names=("java -version" "policyctl validate" "policyctl check (README)" "policyctl validate, no CDS"
  "java -jar policyctl.jar validate")
commands=(0 1 2 3 4)
baseline="${BASELINE:-}"
if [[ -n "$baseline" ]]; then
  baseline="$(cd "$baseline" && pwd)"
  names+=("baseline: policyctl validate" "baseline: policyctl check (README)")
  commands+=(5 6)
fi
run() {
  case "$1" in
    0) "$java_cmd" -version ;;
    1) ./policyctl validate "$example" ;;
    2) ./policyctl check "$example" --host api.github.com --port 443 --binary /usr/bin/gh ;;
    3) POLICYCTL_CDS=0 ./policyctl validate "$example" ;;
    4) "$java_cmd" -jar policy-cli/target/policyctl.jar validate "$example" ;;
    5) "$baseline/policyctl" validate "$example" ;;
    6) "$baseline/policyctl" check "$example" --host api.github.com --port 443 --binary /usr/bin/gh ;;
  esac
}
run 1 >/dev/null
run 1 >/dev/null
if [[ -n "$baseline" ]]; then
  run 5 >/dev/null
  run 5 >/dev/null
fi

declare -A wall cpu
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# Bash's `time` keyword: wall, user and system time of the command and all its processes, in milliseconds (GNU
# time's CPU figures are in 10 ms steps, too coarse next to a 30 ms `java -version`).
TIMEFORMAT='%3R %3U %3S'
for ((i = 0; i < rounds; i++)); do
  for c in "${commands[@]}"; do
    { time run "$c" >/dev/null 2>&1; } 2> "$out"
    read -r e u s < "$out"
    wall[$c]+=" $(awk -v e="$e" 'BEGIN {printf "%d", e * 1000}')"
    cpu[$c]+=" $(awk -v u="$u" -v s="$s" 'BEGIN {printf "%d", (u + s) * 1000}')"
  done
done

median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "rounds: $rounds (interleaved); machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"
jw=$(median "${wall[0]}"); jc=$(median "${cpu[0]}")
printf '%-36s %10s %10s %12s %12s\n' command "wall ms" "CPU ms" "wall ratio" "CPU ratio"
for c in "${commands[@]}"; do
  w=$(median "${wall[$c]}"); p=$(median "${cpu[$c]}")
  printf '%-36s %10d %10d %11.1fx %11.1fx\n' "${names[$c]}" "$w" "$p" \
    "$(awk -v a="$w" -v b="$jw" 'BEGIN {print a / b}')" "$(awk -v a="$p" -v b="$jc" 'BEGIN {print a / (b > 0 ? b : 1)}')"
done
