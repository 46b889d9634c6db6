#!/usr/bin/env bash
# Soak run (issue #10), not part of CI: the built jar on PostgreSQL with the demo data, 30 minutes of
# mixed traffic (bench/soak/traffic.py: coach and participant pages, writing on the web, replies by
# mail through the SMTP receiver, and the outbox sending all notifications to the embedded server).
# Reports errors and the live heap (after a full GC) at the start and the end: growth must stay
# under 10 %. Results go in docs/reliability.md.
# Usage: ./mvnw -DskipTests package && bash bench/soak/run.sh [MINUTES]
set -euo pipefail
minutes="${1:-30}"
work="$(mktemp -d)"
name=soak
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../support/lib.sh"
trap bench_cleanup EXIT

create_database
BENCH_DEMO=true start_app 1 18086 --briefwissel.mail.embedded.smtp-port=0 \
  --briefwissel.mail.embedded.imap-port=0 --briefwissel.mail.receiver.enabled=true --briefwissel.mail.receiver.port=16525
pid="${app_pids[1]}"
live_heap_kb() { # used heap right after a full collection: what the application really holds
  jcmd "$pid" GC.run > /dev/null
  jcmd "$pid" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1
}
tokens() { [ "$(sql "select count(*) from reply_token")" -gt 0 ]; }
wait_for "the demo data's reply addresses" 60 tokens
sql "select rt.token || E'\t' || a.email from reply_token rt join account a on a.id = rt.participant_id" > "$work/tokens.txt"
[ -s "$work/tokens.txt" ] || { echo "no demo trajectories to reply to" >&2; exit 1; }
echo "$(date -u +%FT%TZ) soak for $minutes minutes against $(wc -l < "$work/tokens.txt") demo trajectories"
python3 "$here/traffic.py" http://127.0.0.1:18086 16525 120 "$work/tokens.txt" > "$work/warm-up.json"
start_heap=$(live_heap_kb)
echo "after 2 minutes of warm-up: $(cat "$work/warm-up.json"); live heap ${start_heap} KB"
python3 "$here/traffic.py" http://127.0.0.1:18086 16525 $((minutes * 60 - 120)) "$work/tokens.txt" > "$work/soak.json"
end_heap=$(live_heap_kb)
errors_logged=$(grep -c " ERROR " "$work/app-1.log" || true)
unprocessed=$(sql "select count(*) from inbound_mail where status <> 'PROCESSED'")
failed=$(sql "select count(*) from outbound_mail where status = 'FAILED'")
growth=$(( (end_heap - start_heap) * 1000 / start_heap ))
echo "$(date -u +%FT%TZ) traffic: $(cat "$work/soak.json")"
echo "live heap: ${start_heap} KB after warm-up, ${end_heap} KB at the end: growth $((growth / 10)).$((growth % 10 < 0 ? -growth % 10 : growth % 10)) %"
echo "errors in the log: $errors_logged; inbound not processed: $unprocessed; outbound failed: $failed"
echo "messages: $(sql "select count(*) from message"); inbound mails: $(sql "select count(*) from inbound_mail"); outbound mails: $(sql "select count(*) from outbound_mail")"
if [ "$errors_logged" -ne 0 ] || [ "$unprocessed" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$growth" -ge 100 ] \
  || ! grep -q '"errors": 0' "$work/soak.json"; then
  echo "Soak failed" >&2
  exit 1
fi
echo "soak passed: no errors, live heap growth under 10 %"
