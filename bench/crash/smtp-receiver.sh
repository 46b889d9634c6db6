#!/usr/bin/env bash
# Crash test of the SMTP receiver (issue #10): kill -9 the application while 2,000 mails arrive;
# senders retry as mail servers do; after the restart every mail that was answered 250 is stored
# exactly once and processed. Needs the built jar and PostgreSQL on 127.0.0.1:5432 (user postgres).
# Usage: ./mvnw -DskipTests package && bash bench/crash/smtp-receiver.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../../target/briefwissel.jar"
mails="${CRASH_MAILS:-2000}"
database="briefwissel_crash_$(date +%s)_$$"
work="$(mktemp -d)"
psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -c "create database $database"
pid=""
cleanup() {
  status=$?
  [ "$status" -ne 0 ] && [ -f "$work/app.log" ] && tail -40 "$work/app.log" >&2
  [ -n "$pid" ] && kill -9 "$pid" 2> /dev/null || true
  psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $database with (force)" || true
  rm -rf "$work"
}
trap cleanup EXIT

start() {
  (cd "$work" && exec java -jar "$jar" --briefwissel.port=18082 \
    --briefwissel.db.url="jdbc:postgresql://127.0.0.1:5432/$database" --briefwissel.db.user=postgres --briefwissel.db.password= \
    --briefwissel.mail.embedded.smtp-port=0 --briefwissel.mail.embedded.imap-port=0 \
    --briefwissel.mail.receiver.enabled=true --briefwissel.mail.receiver.port=12525 \
    --briefwissel.demo.enabled=false >> "$work/app.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 300); do
    curl -s localhost:18082/actuator/health | grep -q '"UP"' && return 0
    sleep 0.2
  done
  echo "the application did not become healthy within a minute" >&2
  return 1
}

sql() { psql -h 127.0.0.1 -U postgres -At -c "$1" "$database"; }

start
echo "application up (pid $pid); sending $mails mails with 4 senders"
touch "$work/acked.txt"
python3 "$here/send.py" 127.0.0.1 12525 1 "$mails" 4 "$work/acked.txt" 120 &
senders=$!
until [ "$(wc -l < "$work/acked.txt" 2> /dev/null || echo 0)" -ge $((mails / 3)) ]; do sleep 0.05; done
kill -9 "$pid"
wait "$pid" 2> /dev/null || true
if curl -s -m 1 localhost:18082/actuator/health > /dev/null; then echo "the application survived kill -9" >&2; exit 1; fi
echo "killed with -9 after $(wc -l < "$work/acked.txt") mails were answered 250"
sleep 2
start
echo "restarted (pid $pid)"
wait "$senders"
acked=$(sort -u "$work/acked.txt" | wc -l)
for _ in $(seq 1 120); do
  [ "$(sql "select count(*) from inbound_mail where status <> 'PROCESSED'")" = "0" ] && break
  sleep 1
done
stored=$(sql "select count(*) from inbound_mail where message_id like '<crash-%'")
distinct=$(sql "select count(distinct message_id) from inbound_mail where message_id like '<crash-%'")
unprocessed=$(sql "select count(*) from inbound_mail where status <> 'PROCESSED'")
sort -u "$work/acked.txt" | sed "s/.*/'&'/" | paste -sd, > "$work/ids.sql"
missing=$(sql "select $acked - count(*) from inbound_mail where message_id in ($(cat "$work/ids.sql"))")
echo "answered 250: $acked; stored: $stored ($distinct distinct); acked but not stored: $missing; not processed: $unprocessed"
if [ "$acked" -ne "$mails" ] || [ "$stored" -ne "$acked" ] || [ "$distinct" -ne "$stored" ] || [ "$missing" -ne 0 ] || [ "$unprocessed" -ne 0 ]; then
  echo "Crash test failed" >&2
  tail -30 "$work/app.log" >&2
  exit 1
fi
echo "every mail answered 250 is stored exactly once and processed"
