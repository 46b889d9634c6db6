#!/usr/bin/env bash
# Outage test (issue #10): the SMTP relay and the IMAP server gone for a while, then PostgreSQL
# stopped and started again under load. While a service is gone, health says so and Briefwissel keeps
# accepting what it can (the SMTP receiver, the outbox); when it returns, everything catches up
# without loss or duplicates. Runs its own PostgreSQL cluster on port 55432 so that stopping it
# touches nothing else; needs the PostgreSQL 15 server binaries and root (to run them as postgres).
# Usage: ./mvnw -DskipTests package && bash bench/outage/run.sh   (OUTAGE_SECONDS=120 for minutes)
set -euo pipefail
outage="${OUTAGE_SECONDS:-30}"
work="$(mktemp -d)"
name=outage
here="$(cd "$(dirname "$0")" && pwd)"
export BENCH_PG_PORT=55432
source "$here/../support/lib.sh"

pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
cluster="/tmp/briefwissel-outage-pg-$$"
as_postgres() { runuser -u postgres -- "$@"; }
postgres_ctl() { as_postgres "$pg_bin/pg_ctl" -D "$cluster" -l "$cluster/server.log" -w -t 60 "$@" > /dev/null; }
cleanup() {
  local status=$?
  bench_cleanup || true
  [ -d "$cluster" ] && { postgres_ctl -m immediate stop 2> /dev/null || true; rm -rf "$cluster"; }
  return "$status"
}
trap cleanup EXIT
mkdir -p "$cluster" && chown postgres "$cluster"
as_postgres "$pg_bin/initdb" -D "$cluster" -U postgres -A trust > /dev/null
postgres_ctl -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1" start
create_database

start_mail_server 15025 15143 15080
services=(--briefwissel.mail.smtp.host=127.0.0.1 --briefwissel.mail.smtp.port=15025 --briefwissel.mail.smtp.starttls=false
  --briefwissel.mail.imap.host=127.0.0.1 --briefwissel.mail.imap.port=15143 --briefwissel.mail.imap.ssl=false
  --briefwissel.mail.imap.username=reply@briefwissel.test --briefwissel.mail.imap.password=briefwissel
  --briefwissel.mail.imap.poll-interval=1s --briefwissel.mail.receiver.enabled=true --briefwissel.mail.receiver.port=15525
  --briefwissel.mail.outbox.poll-interval=200ms --briefwissel.mail.outbox.first-retry=1s --briefwissel.mail.outbox.max-retry=5s
  --briefwissel.mail.outbox.max-attempts=100 --briefwissel.mail.health.grace=5s)
start_app 1 18085 "${services[@]}"

health() { # health [SECONDS]: the status, or nothing when no answer came within SECONDS (5)
  curl -s -m "${1:-5}" localhost:18085/actuator/health | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p' | head -1
}
health_is() { [ "$(health)" = "$1" ]; }
send() { # send FIRST COUNT PORT: mails as an MTA sends them, retrying until answered 250
  python3 "$project/bench/crash/send.py" 127.0.0.1 "$3" "$1" "$2" 4 "$work/acked.txt" 180
}
count() { sql "select count(*) from inbound_mail where message_id like '<crash-%'"; }
all_sent() { [ "$(sql "select count(*) from outbound_mail where status <> 'SENT'")" = "0" ]; }
stored_at_least() { [ "$(count)" -ge "$1" ]; }
all_processed() { [ "$(sql "select count(*) from inbound_mail where status <> 'PROCESSED'")" = "0" ]; }
wait_for "health UP at the start" 30 health_is UP
touch "$work/acked.txt"

echo "== The relay and the IMAP server gone for ${outage}s"
mail_server stop
started=$SECONDS
queue_mails outage 1 100
send 1 100 15525
echo "while gone: 100 mails queued, 100 mails answered 250 by the SMTP receiver; $(count) stored"
wait_for "health DEGRADED while mail cannot flow" 60 health_is DEGRADED
echo "health: $(health)"
sleep $((outage - (SECONDS - started) > 0 ? outage - (SECONDS - started) : 0))
mail_server start
echo "back after $((SECONDS - started))s"
wait_for "the outbox to empty after the relay returned" 120 all_sent
send 101 50 15025 # into the platform mailbox, read over IMAP once the poller has reconnected
wait_for "the mailbox's mails stored after the IMAP server returned" 180 stored_at_least 150
wait_for "everything processed" 60 all_processed
wait_for "health UP again" 60 health_is UP
echo "caught up $((SECONDS - started))s after the outage began; health: $(health)"

echo "== PostgreSQL stopped for 10 s under load"
queue_mails outage 101 200
send 151 600 15525 &
senders=$!
acked_at_least() { [ "$(wc -l < "$work/acked.txt")" -ge "$1" ]; }
wait_for "some load before the stop" 60 acked_at_least 300
postgres_ctl -m fast stop
# Health answers DOWN while the database is gone, within twice the connection wait (3 s: the
# database's check and the mail flow's) and not after Hikari's own 30 s each: a load balancer's
# probe must get an answer.
asked=$SECONDS
during="$(health 10 || true)"
echo "PostgreSQL stopped with $(wc -l < "$work/acked.txt") mails answered 250; health: ${during:-no answer within 10 s} after $((SECONDS - asked)) s"
if [ "$during" != "DOWN" ]; then
  echo "Outage test failed: health did not answer DOWN within 10 s while PostgreSQL was stopped" >&2
  exit 1
fi
sleep $((10 - (SECONDS - asked) > 0 ? 10 - (SECONDS - asked) : 0))
postgres_ctl -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1" start
echo "PostgreSQL started again"
wait "$senders"
wait_for "every mail answered 250 stored" 120 stored_at_least "$(sort -u "$work/acked.txt" | wc -l)"
wait_for "the outbox to empty after PostgreSQL returned" 120 all_sent
wait_for "everything processed" 120 all_processed
wait_for "health UP again" 60 health_is UP

acked=$(sort -u "$work/acked.txt" | wc -l)
stored=$(count)
distinct=$(sql "select count(distinct message_id) from inbound_mail where message_id like '<crash-%'")
delivered | grep outage- | sort > "$work/delivered.txt"
deliveries=$(wc -l < "$work/delivered.txt")
outbound=$(uniq < "$work/delivered.txt" | wc -l)
twice=$(uniq -d < "$work/delivered.txt" | wc -l)
echo "inbound: $acked answered 250 or put in the mailbox, $stored stored ($distinct distinct), all processed"
echo "outbound: 300 queued, $deliveries deliveries of $outbound distinct Message-IDs, $twice sent twice"
if [ "$acked" -ne 750 ] || [ "$stored" -ne "$acked" ] || [ "$distinct" -ne "$stored" ] \
  || [ "$outbound" -ne 300 ] || [ "$twice" -gt 1 ] || [ "$deliveries" -ne $((300 + twice)) ]; then
  echo "Outage test failed" >&2
  exit 1
fi
echo "nothing lost, nothing doubled (at most the mail in flight when PostgreSQL stopped: decision 0011); health UP"
