#!/usr/bin/env bash
# Runs the JMH microbenchmarks (src/test/java/**/*Benchmark.java; surefire never runs them).
#   loadtest/jmh.sh                          # all of them (~4 minutes on 2 cores)
#   loadtest/jmh.sh EventDetectorBenchmark   # one; any further arguments go to org.openjdk.jmh.Main
#   loadtest/jmh.sh TraceBenchmark -p enterprises=157
# Compiles the tests (the JMH annotation processor writes target/test-classes/META-INF/BenchmarkList), writes the test
# classpath to target/cp.txt, then runs from the repository root: TraceBenchmark reads ../shared/data/eem.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" org.openjdk.jmh.Main "$@"
