#!/usr/bin/env bash
# Crash test of the SMTP receiver (issue #10): kill -9 the application while 2,000 mails arrive;
# senders retry as mail servers do; after the restart every mail that was answered 250 is stored
# exactly once and processed. Needs the built jar and PostgreSQL on 127.0.0.1:5432 (user postgres).
# Usage: ./mvnw -DskipTests package && bash bench/crash/smtp-receiver.sh
set -euo pipefail
mails="${CRASH_MAILS:-2000}"
work="$(mktemp -d)"
name=crash
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../support/lib.sh"
trap bench_cleanup EXIT

create_database
receiver=(--briefwissel.mail.embedded.smtp-port=0 --briefwissel.mail.embedded.imap-port=0
  --briefwissel.mail.receiver.enabled=true --briefwissel.mail.receiver.port=12525)
start_app 1 18082 "${receiver[@]}"
echo "application up; sending $mails mails with 4 senders"
touch "$work/acked.txt"
python3 "$here/send.py" 127.0.0.1 12525 1 "$mails" 4 "$work/acked.txt" 120 &
senders=$!
acked() { [ "$(wc -l < "$work/acked.txt")" -ge "$1" ]; }
wait_for "a third of the mails answered 250" 120 acked $((mails / 3))
crash_app 1 18082
echo "killed with -9 after $(wc -l < "$work/acked.txt") mails were answered 250"
sleep 2
start_app 1 18082 "${receiver[@]}"
echo "restarted"
wait "$senders"
acked=$(sort -u "$work/acked.txt" | wc -l)
processed() { [ "$(sql "select count(*) from inbound_mail where status <> 'PROCESSED'")" = "0" ]; }
wait_for "every stored mail processed" 120 processed
stored=$(sql "select count(*) from inbound_mail where message_id like '<crash-%'")
distinct=$(sql "select count(distinct message_id) from inbound_mail where message_id like '<crash-%'")
sort -u "$work/acked.txt" | sed "s/.*/'&'/" | paste -sd, > "$work/ids.sql"
missing=$(sql "select $acked - count(*) from inbound_mail where message_id in ($(cat "$work/ids.sql"))")
echo "answered 250: $acked; stored: $stored ($distinct distinct); answered but not stored: $missing; all processed"
if [ "$acked" -ne "$mails" ] || [ "$stored" -ne "$acked" ] || [ "$distinct" -ne "$stored" ] || [ "$missing" -ne 0 ]; then
  echo "SMTP receiver crash test failed" >&2
  exit 1
fi
echo "every mail answered 250 is stored exactly once and processed"
