#!/usr/bin/env bash
# Compiles one JMH benchmark source against the application's classes and runs it.
# Usage (from the project root): bash bench/run-jmh.sh bench/writing/WritingBenchmark.java WritingBenchmark [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
source_file="$1"
benchmark="$2"
shift 2
out="target/bench-$benchmark"
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/classes:$(cat target/bench-classpath.txt)"
rm -rf "$out" && mkdir -p "$out"
javac -cp "$classpath" -d "$out" "$source_file"
java -cp "$out:$classpath" org.openjdk.jmh.Main "$benchmark" -rf text -rff "$out/result.txt" "$@"
cat "$out/result.txt"
