#!/usr/bin/env bash
# Processor time per page view of two builds side by side, on one generated database (docs/performance.md,
# twentieth round on): what a day's changes cost the pages, measured in the same seconds.
# Usage, from the project root: bash bench/pages/builds_ab.sh OLD_JAR NEW_JAR [TRAJECTORIES]
#   OLD_JAR, NEW_JAR  briefwissel.jar of the two builds, each built in a clone of its own
#                     (./mvnw -DskipTests -Dcds.skip=true -Djacoco.skip=true package)
#   TRAJECTORIES      the dataset's size, 2000 unless given; written by the newer build
# The older build starts on the newer schema without validating it. Both instances start as
# bench/pages/run.sh starts one (ports 18182 old, 18181 new); two rounds of each page warm them, then
# bench/pages/instance_ab.py measures each page: the coach's conversation page (own trajectories of
# coach-002…005, 14 rounds of 1,000 views), the participant page (participant-00011…00014, 12 × 1,000),
# the workspace (10 × 1,000) and the floor /accessibility (8 × 1,500). About 17 minutes for 2,000 trajectories.
# Keep the machine otherwise quiet (run it under flock /tmp/build.lock where builds take that lock).
# Loopback only; the instances stop and the database is dropped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
old_jar="$1"
new_jar="$2"
trajectories="${3:-2000}"
database="briefwissel_builds_ab_$(date +%s)"
url="jdbc:postgresql://127.0.0.1:5432/$database"
key="$(head -c 32 /dev/urandom | base64)"
keys=(--briefwissel.encryption.keys.bench="$key" --briefwissel.encryption.active-key=bench)
logs="$(mktemp -d)"
source bench/support/autovacuum.sh
instances=()
cleanup() {
  for instance in "${instances[@]}"; do kill "$instance" 2>/dev/null || true; wait "$instance" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $database with (force)"
  autovacuum_back
}
trap cleanup EXIT
autovacuum_for_run
psql -h 127.0.0.1 -U postgres -q -c "create database $database"
echo "== Dataset: $trajectories trajectories, by $new_jar ($(date -u +%H:%M:%S) UTC)"
java -jar "$new_jar" dataset --trajectories="$trajectories" --briefwissel.db.url="$url" --briefwissel.db.user=postgres \
  "${keys[@]}" --logging.level.org.flywaydb=WARN 2>&1 | grep -v " INFO "
psql -h 127.0.0.1 -U postgres -d "$database" -At -c \
  "select 'database size: ' || pg_size_pretty(pg_database_size(current_database()))"
start() {
  local port="$1" jar="$2"
  shift 2
  java -Xmx1g -jar "$jar" --briefwissel.port="$port" --server.address=127.0.0.1 \
    --briefwissel.db.url="$url" --briefwissel.db.user=postgres "${keys[@]}" \
    --briefwissel.demo.enabled=false --briefwissel.sign-in.unthrottled-addresses=127.0.0.1 \
    --briefwissel.mail.embedded.smtp-port=0 --briefwissel.mail.embedded.imap-port=0 "$@" > "$logs/$port.log" 2>&1 &
  instances+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && return; sleep 1; done
  echo "instance on $port did not start:"; tail -30 "$logs/$port.log"; exit 1
}
# The newer first: it migrates the database the older then reads.
start 18181 "$new_jar"
new_pid="${instances[0]}"
start 18182 "$old_jar" --spring.flyway.validate-on-migrate=false '--spring.flyway.ignore-migration-patterns=*:future'
old_pid="${instances[1]}"
export BRIEFWISSEL_BENCH_PSQL="-h 127.0.0.1 -U postgres -d $database"
domain=bench.briefwissel.test
coaches="coach-002@$domain,coach-003@$domain,coach-004@$domain,coach-005@$domain"
participants="participant-00011@$domain,participant-00012@$domain,participant-00013@$domain,participant-00014@$domain"
page() {
  echo "== $1 ($(date -u +%H:%M:%S) UTC)"
  python3 bench/pages/instance_ab.py "18182:$old_pid:$2" "18181:$new_pid:$2" "$3" "$4" "$5"
}
for warming in 1 2; do
  page "conversation, warming $warming" own 5 1000 "$coaches"
  page "participant, warming $warming" /participant/conversation 4 1000 "$participants"
  page "workspace, warming $warming" /coach 4 1000 "$coaches"
  page "floor, warming $warming" /accessibility 4 1500 "$coaches"
done
page conversation own 14 1000 "$coaches"
page participant /participant/conversation 12 1000 "$participants"
page workspace /coach 10 1000 "$coaches"
page floor /accessibility 8 1500 "$coaches"
