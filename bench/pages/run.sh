#!/usr/bin/env bash
# Page cost on a realistic programme: generates TRAJECTORIES into a fresh PostgreSQL database with
# `java -jar target/briefwissel.jar dataset`, starts an instance on it, signs in the benchmark
# accounts (password and authenticator code) and measures the pages at CLIENTS concurrent clients.
# Run from the project root: bash bench/pages/run.sh [TRAJECTORIES] [CLIENTS] [WARMUP_S] [MEASURE_S] [MAX_REQUESTS]
# Loopback only; the instance listens on 18181 and stops, and the database is dropped, on exit.
# Set BRIEFWISSEL_BENCH_SKIP_BUILD=1 to use the jar and classpath already in target/, BRIEFWISSEL_BENCH_ONLY
# to a comma-separated choice of scenarios (see PageLoad.java), BRIEFWISSEL_BENCH_JAVA_OPTS for the
# instance (e.g. -XX:StartFlightRecording=filename=target/pages.jfr,settings=profile), and
# BRIEFWISSEL_BENCH_JVM_WARMUP to the seconds of mixed, uncounted load before any page is measured
# (90 unless given; 0 measures a cold JVM as the first runs in docs/performance.md did; with write
# chosen it sends at most 1,500 letters too, since 2026-12-03 10:30 UTC), by
# BRIEFWISSEL_BENCH_JVM_WARMUP_CLIENTS clients (4 unless given: with few clients the optimising
# compiler gets the CPU it needs and every page is measured fully compiled; runs before 2026-11-27
# 19:00 UTC warmed with CLIENTS for 60 s), and
# BRIEFWISSEL_BENCH_THINK_MS to a mean pause of each client after each answer (0: closed loop), and
# BRIEFWISSEL_BENCH_SLICES to the number of slices each page is measured in, alternating with slices
# of the floor it is compared with (3 unless given; runs before 2026-11-27 23:30 UTC measured the floor
# once, first). A server with autovacuum off gets it on for the run (bench/support/autovacuum.sh; runs
# before 2026-12-03 05:30 UTC measured this machine's PostgreSQL without it).
set -euo pipefail
cd "$(dirname "$0")/../.."
trajectories="${1:-2000}"
clients="${2:-50}"
warmup="${3:-10}"
measure="${4:-30}"
max_requests="${5:-100000}"
port=18181
database="briefwissel_perf_pages_$(date +%s)"
url="jdbc:postgresql://127.0.0.1:5432/$database"
if [ "${BRIEFWISSEL_BENCH_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests package
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
# One key for the generator and the instance; a benchmark database only, never kept.
key="$(head -c 32 /dev/urandom | base64)"
keys=(--briefwissel.encryption.keys.bench="$key" --briefwissel.encryption.active-key=bench)
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $database with (force)"
  autovacuum_back
}
source bench/support/autovacuum.sh
trap cleanup EXIT
autovacuum_for_run
psql -h 127.0.0.1 -U postgres -q -c "create database $database"
echo "== Dataset: $trajectories trajectories"
/usr/bin/time -f "dataset command: %e s wall, %M kB max resident" \
  java -jar target/briefwissel.jar dataset --trajectories="$trajectories" \
  --briefwissel.db.url="$url" --briefwissel.db.user=postgres "${keys[@]}" \
  --logging.level.org.flywaydb=WARN 2>&1 | grep -v " INFO "
psql -h 127.0.0.1 -U postgres -d "$database" -q -t -c \
  "select 'database size: ' || pg_size_pretty(pg_database_size(current_database()))"
echo "== Instance on 127.0.0.1:$port"
# No demo data (it would add accounts to the dataset), sign-in brakes off for loopback only (the
# load tool signs in some seventy accounts from one address), mail to the embedded server.
java -Xmx1g ${BRIEFWISSEL_BENCH_JAVA_OPTS:-} -jar target/briefwissel.jar --briefwissel.port=$port --server.address=127.0.0.1 \
  --briefwissel.db.url="$url" --briefwissel.db.user=postgres "${keys[@]}" \
  --briefwissel.demo.enabled=false --briefwissel.sign-in.unthrottled-addresses=127.0.0.1 \
  --briefwissel.mail.embedded.smtp-port=0 --briefwissel.mail.embedded.imap-port=0 \
  > target/bench-pages-app.log 2>&1 &
app=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "instance did not start; see target/bench-pages-app.log"; exit 1; }
java -DappPid="$app" -DjvmWarmup="${BRIEFWISSEL_BENCH_JVM_WARMUP:-90}" -DjvmWarmupClients="${BRIEFWISSEL_BENCH_JVM_WARMUP_CLIENTS:-4}" -DthinkMs="${BRIEFWISSEL_BENCH_THINK_MS:-0}" -Dslices="${BRIEFWISSEL_BENCH_SLICES:-3}" -cp "$(cat target/bench-classpath.txt)" bench/pages/PageLoad.java "http://127.0.0.1:$port" "$url" postgres \
  "$clients" "$warmup" "$measure" "$max_requests" ${BRIEFWISSEL_BENCH_ONLY:+"$BRIEFWISSEL_BENCH_ONLY"}
