#!/usr/bin/env bash
# Inbound rate and latency from SMTP 250 to visible in the conversation, on PostgreSQL.
# Run from the project root: bash bench/inbound/run.sh [COUNT] [CONNECTIONS] [RATE]
# (RATE: mails per second in total; without it the connections send as fast as they are answered)
# Loopback only; starts its own instance on port 8181 with the SMTP receiver on 2526.
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-10000}"
connections="${2:-8}"
rate="${3:-0}"
database="briefwissel_bench_$(date +%s)"
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
psql -h 127.0.0.1 -U postgres -q -c "create database $database"
java -Xmx512m -jar target/briefwissel.jar --briefwissel.port=8181 \
  --briefwissel.db.url="jdbc:postgresql://127.0.0.1:5432/$database" --briefwissel.db.user=postgres \
  --briefwissel.mail.receiver.enabled=true --briefwissel.mail.receiver.port=2526 \
  --briefwissel.mail.embedded.smtp-port=0 --briefwissel.mail.embedded.imap-port=0 \
  --logging.level.nl.briefwissel.mail.InboundProcessor=WARN > target/bench-inbound-app.log 2>&1 &
app=$!
cleanup() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $database with (force)"; autovacuum_back; }
source bench/support/autovacuum.sh
trap cleanup EXIT
autovacuum_for_run
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:8181/actuator/health >/dev/null && break; sleep 1; done
sleep 3 # demo letters go out first
# Warm-up, not measured: the first seconds of a fresh JVM compile the hot path, and a backlog built
# then would be reported as the latency of a running server.
java -cp "$(cat target/bench-classpath.txt)" bench/inbound/InboundLoad.java 2526 \
  "jdbc:postgresql://127.0.0.1:5432/$database" postgres "${WARM_UP:-3000}" "$connections" "$rate" > target/bench-inbound-warm-up.txt
sleep 2
java -cp "$(cat target/bench-classpath.txt)" bench/inbound/InboundLoad.java 2526 \
  "jdbc:postgresql://127.0.0.1:5432/$database" postgres "$count" "$connections" "$rate"
