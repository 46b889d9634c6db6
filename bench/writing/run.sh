#!/usr/bin/env bash
# Writing help: time of a full check of a 1,000-word message (JMH). Run from the project root:
# bash bench/writing/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
classpath="target/classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench-writing && mkdir -p target/bench-writing
javac -cp "$classpath" -d target/bench-writing bench/writing/WritingBenchmark.java
java -cp "target/bench-writing:$classpath" org.openjdk.jmh.Main WritingBenchmark -rf text -rff target/bench-writing/result.txt "$@"
cat target/bench-writing/result.txt
