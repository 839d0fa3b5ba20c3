#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar and runs the JMH suite.
#
#   benchmarks/run.sh            the whole suite with -prof gc (about 10 min on 2 cores), then the retained-memory
#                                table and the per-case latency table; JSON results in benchmarks/target/jmh-result.json
#   benchmarks/run.sh smoke      every benchmark once, no warm-up (about 1 min): checks that each one sets up and runs
#   benchmarks/run.sh full REGEX [JMH options]   a subset, e.g. benchmarks/run.sh full 'Realistic' -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-full}"
shift || true
mvn -B -q -pl benchmarks -am package -Pjmh -DskipTests
jar=benchmarks/target/benchmarks.jar
case "$mode" in
  smoke)
    java -jar "$jar" -f 1 -wi 0 -i 1 -w 100ms -r 100ms -foe true "$@"
    ;;
  full)
    java -jar "$jar" -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc -foe true \
      -rf json -rff benchmarks/target/jmh-result.json "$@"
    if [ "$#" -eq 0 ]; then
      java -XX:+UseSerialGC -Xmx2g -cp "$jar" dev.sandboxpolicy.benchmarks.RetainedMemory
      java -cp "$jar" dev.sandboxpolicy.benchmarks.PerCaseLatency
    fi
    ;;
  *)
    echo "usage: benchmarks/run.sh [full|smoke] [JMH options]" >&2
    exit 2
    ;;
esac
