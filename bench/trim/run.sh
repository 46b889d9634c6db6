#!/usr/bin/env bash
# Trimming throughput per core (JMH). Run from the project root: bash bench/trim/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench-trim && mkdir -p target/bench-trim
javac -cp "$classpath" -d target/bench-trim bench/trim/TrimBenchmark.java
java -cp "target/bench-trim:$classpath" org.openjdk.jmh.Main TrimBenchmark -rf text -rff target/bench-trim/result.txt "$@"
cat target/bench-trim/result.txt
