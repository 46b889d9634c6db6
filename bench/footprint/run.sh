#!/usr/bin/env bash
# Footprint of the evaluation default (issue #9, item 4): time from `java` to /actuator/health UP, and
# the heap in use once started (before and after a full GC). One first start on an empty ./data
# (migrations and demo data), then three restarts on that data. Loopback only.
# Two launches, taking turns so a machine's slow minute falls on both:
#   jar      java -jar target/briefwissel.jar
#   archive  java -XX:SharedArchiveFile=target/app/briefwissel.jsa -jar target/app/briefwissel.jar
#            (target/app and its class-data archive are made by `package`; README "Run")
#   archive-c1  the same with -XX:TieredStopAtLevel=1, the flag `./mvnw spring-boot:run` starts the
#            application with (Spring Boot's optimised launch): only the quick compiler, for trying it out
# Usage: ./mvnw -DskipTests package && bash bench/footprint/run.sh [rounds, default 1]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${1:-1}"
[ -s "$root/target/app/briefwissel.jsa" ] || { echo "No target/app/briefwissel.jsa: run ./mvnw -DskipTests package first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'pkill -f "briefwissel.port=18081" 2> /dev/null || true; rm -rf "$work"' EXIT
launch() {
  case "$1" in
    jar) echo "-jar $root/target/briefwissel.jar" ;;
    archive) echo "-Xshare:on -XX:SharedArchiveFile=$root/target/app/briefwissel.jsa -jar $root/target/app/briefwissel.jar" ;;
    archive-c1) echo "-XX:TieredStopAtLevel=1 $(launch archive)" ;;
  esac
}
for round in $(seq 1 "$rounds"); do
  for mode in jar archive archive-c1; do
    rm -rf "$work/$mode" && mkdir -p "$work/$mode" && cd "$work/$mode"
    for run in first restart-1 restart-2 restart-3; do
      start=$(date +%s%N)
      # shellcheck disable=SC2046
      java $(launch "$mode") --briefwissel.port=18081 --briefwissel.mail.embedded.smtp-port=14025 \
        --briefwissel.mail.embedded.imap-port=14143 > "app-$run.log" 2>&1 &
      pid=$!
      until curl -s localhost:18081/actuator/health | grep -q '"UP"'; do
        kill -0 "$pid" 2> /dev/null || { echo "$mode $run: the application stopped (log: app-$run.log)" >&2; tail -20 "app-$run.log" >&2; exit 1; }
        sleep 0.1
      done
      end=$(date +%s%N)
      sleep 5
      used=$(jcmd "$pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
      jcmd "$pid" GC.run > /dev/null
      sleep 1
      live=$(jcmd "$pid" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
      echo "round $round, $mode, $run: healthy after $(( (end - start) / 1000000 )) ms; heap in use $(( used / 1024 )) MB, after a full GC $(( live / 1024 )) MB"
      kill "$pid"
      wait "$pid" 2> /dev/null || true
    done
  done
done
