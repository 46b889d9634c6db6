#!/usr/bin/env bash
# Crash test of the IMAP adapter (issue #10): kill -9 the application while it fetches 2,000 mails
# from the platform mailbox of a stand-alone GreenMail; after the restart every mail is stored
# exactly once and processed, and the mailbox holds no unread mail. A mail is marked seen only after
# it is committed, and a mail fetched again is recognised by its Message-ID: stored once.
# Usage: ./mvnw -DskipTests package && bash bench/crash/imap.sh
set -euo pipefail
mails="${CRASH_MAILS:-2000}"
work="$(mktemp -d)"
name=imap
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../support/lib.sh"
trap bench_cleanup EXIT

create_database
start_mail_server 14025 14143 14080
touch "$work/acked.txt"
python3 "$here/send.py" 127.0.0.1 14025 1 "$mails" 4 "$work/acked.txt" 60
echo "$(sort -u "$work/acked.txt" | wc -l) mails in the platform mailbox"
mailbox=(--briefwissel.mail.smtp.host=127.0.0.1 --briefwissel.mail.smtp.port=14025 --briefwissel.mail.smtp.starttls=false
  --briefwissel.mail.imap.host=127.0.0.1 --briefwissel.mail.imap.port=14143 --briefwissel.mail.imap.ssl=false
  --briefwissel.mail.imap.username=reply@briefwissel.test --briefwissel.mail.imap.password=briefwissel
  --briefwissel.mail.imap.poll-interval=1s)
start_app 1 18084 "${mailbox[@]}"
stored() { [ "$(sql "select count(*) from inbound_mail")" -ge "$1" ]; }
wait_for "a third of the mails stored" 120 stored $((mails / 3))
crash_app 1 18084
echo "killed with -9 after $(sql "select count(*) from inbound_mail") of $mails mails were stored"
start_app 1 18084 "${mailbox[@]}"
settled() {
  [ "$(sql "select count(*) from inbound_mail")" -ge "$mails" ] \
    && [ "$(sql "select count(*) from inbound_mail where status <> 'PROCESSED'")" = "0" ]
}
wait_for "every mail stored and processed after the restart" 180 settled
stored=$(sql "select count(*) from inbound_mail where message_id like '<crash-%'")
distinct=$(sql "select count(distinct message_id) from inbound_mail where message_id like '<crash-%'")
unread=$(python3 - <<'PY'
import imaplib
box = imaplib.IMAP4("127.0.0.1", 14143)
box.login("reply@briefwissel.test", "briefwissel")
box.select("INBOX")
print(len(box.search(None, "UNSEEN")[1][0].split()))
PY
)
echo "in the mailbox: $mails; stored: $stored ($distinct distinct), all processed; unread in the mailbox: $unread"
if [ "$stored" -ne "$mails" ] || [ "$distinct" -ne "$mails" ] || [ "$unread" -ne 0 ]; then
  echo "IMAP crash test failed" >&2
  exit 1
fi
echo "every mail in the mailbox is stored exactly once and processed"
