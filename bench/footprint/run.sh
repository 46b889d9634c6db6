#!/usr/bin/env bash
# Footprint of the evaluation default (issue #9, item 4): time from `java -jar` to /actuator/health
# UP, and the heap in use once started (before and after a full GC). One first start on an empty
# ./data (migrations and demo data), then three restarts on that data. Loopback only.
# Usage: ./mvnw -DskipTests package && bash bench/footprint/run.sh
set -euo pipefail
jar="$(cd "$(dirname "$0")/../.." && pwd)/target/briefwissel.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for run in first restart-1 restart-2 restart-3; do
  start=$(date +%s%N)
  java -jar "$jar" --briefwissel.port=18081 --briefwissel.mail.embedded.smtp-port=14025 \
    --briefwissel.mail.embedded.imap-port=14143 > "app-$run.log" 2>&1 &
  pid=$!
  until curl -s localhost:18081/actuator/health | grep -q '"UP"'; do sleep 0.2; done
  end=$(date +%s%N)
  sleep 5
  used=$(jcmd "$pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
  jcmd "$pid" GC.run > /dev/null
  sleep 1
  live=$(jcmd "$pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
  echo "$run: healthy after $(( (end - start) / 1000000 )) ms; heap in use $(( used / 1024 )) MB, after a full GC $(( live / 1024 )) MB"
  kill "$pid"
  wait "$pid" 2> /dev/null || true
done
