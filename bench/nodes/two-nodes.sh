#!/usr/bin/env bash
# Two application nodes on one PostgreSQL (issue #9, item 5): a session from one node is valid on
# the other, each outbound mail and each reminder goes out exactly once, inbound mail is stored and
# processed once whichever node receives it. Both nodes send through one relay and read one IMAP
# mailbox (GreenMail, bench/support/MailServer.java), which logs every delivery by Message-ID.
# Needs the built jar, python3 and PostgreSQL on 127.0.0.1:5432 (user postgres). Loopback only.
# Usage: ./mvnw -DskipTests package && bash bench/nodes/two-nodes.sh
# (NODES_MESSAGES, NODES_REMINDERS, NODES_INBOUND: how many of each, defaults 300, 100, 100 per way;
# NODES_STAGGER=1 starts node 2 after node 1 instead of together; NODES_KEEP=1 keeps database and logs;
# NODES_JAR=path runs another build of the jar)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${NODES_JAR:-$here/../../target/briefwissel.jar}"
messages="${NODES_MESSAGES:-300}"
reminders="${NODES_REMINDERS:-100}"
inbound="${NODES_INBOUND:-100}"
http1=18281 http2=18282 receiver1=18225 receiver2=18226 relay_smtp=18227 relay_imap=18243 relay_control=18244
mailbox="reply@briefwissel.test" mailbox_password="relay-$$"
database="briefwissel_nodes_$(date +%s)_$$"
work="$(mktemp -d)"
began=$(date +%s)
relay="" node1="" node2="" helpers=""

say() { echo "[$(( $(date +%s) - began ))s] $*"; }
fail() {
  echo "FAILED: $*" >&2
  exit 1
}

[ -f "$jar" ] || fail "no $jar: build it first (./mvnw -DskipTests package)"
for port in $http1 $http2 $receiver1 $receiver2 $relay_smtp $relay_imap; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then fail "port $port is in use"; fi
done

psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -c "create database $database"
stop() { # pids: asks, then insists after 10 s
  for pid in "$@"; do kill "$pid" 2> /dev/null || true; done
  for pid in "$@"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2> /dev/null || true
  done
}
cleanup() {
  status=$?
  if [ "$status" -ne 0 ]; then
    for log in node1 node2 relay; do
      [ -f "$work/$log.log" ] && { echo "--- last lines of $log.log" >&2; tail -25 "$work/$log.log" >&2; }
    done
  fi
  for pid in $helpers; do kill "$pid" 2> /dev/null || true; done
  stop $node1 $node2
  stop $relay
  if [ -n "${NODES_KEEP:-}" ]; then
    echo "kept: database $database, logs in $work" >&2
    return
  fi
  psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $database with (force)" || true
  rm -rf "$work"
}
trap cleanup EXIT

sql() { psql -h 127.0.0.1 -U postgres -At -v ON_ERROR_STOP=1 -c "$1" "$database"; }

# Waits up to $1 seconds for the command in the remaining arguments to succeed.
wait_for() {
  local seconds=$1
  shift
  local deadline=$(($(date +%s) + seconds))
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

# The relay: bench/support/MailServer.java with GreenMail's jars from the application jar (no build tool).
python3 "$here/../support/greenmail-classpath.py" "$jar" "$work/lib"
touch "$work/deliveries.tsv"
(cd "$work" && exec java -Xmx256m -cp "$work/lib/*" "$here/../support/MailServer.java" $relay_smtp $relay_imap \
  $relay_control "$mailbox_password" "$work/deliveries.tsv" > "$work/relay.log" 2>&1) &
relay=$!

# One key for both nodes: each seals what the other must open (the evaluation default would
# generate a key per working directory).
key="$(head -c 32 /dev/urandom | base64)"
start() { # name http-port receiver-port
  mkdir -p "$work/$1"
  (cd "$work/$1" && exec java -Xmx512m -XX:TieredStopAtLevel=1 -jar "$jar" --briefwissel.port="$2" \
    --briefwissel.db.url="jdbc:postgresql://127.0.0.1:5432/$database" --briefwissel.db.user=postgres \
    --briefwissel.db.password= --briefwissel.db.pool-size=8 \
    --briefwissel.encryption.keys.nodes="$key" --briefwissel.encryption.active-key=nodes \
    --briefwissel.mail.smtp.host=127.0.0.1 --briefwissel.mail.smtp.port=$relay_smtp \
    --briefwissel.mail.smtp.starttls=false \
    --briefwissel.mail.imap.host=127.0.0.1 --briefwissel.mail.imap.port=$relay_imap \
    --briefwissel.mail.imap.ssl=false --briefwissel.mail.imap.username="$mailbox" \
    --briefwissel.mail.imap.password="$mailbox_password" --briefwissel.mail.imap.poll-interval=1s \
    --briefwissel.mail.receiver.enabled=true --briefwissel.mail.receiver.port="$3" \
    --briefwissel.mail.outbox.poll-interval=200ms \
    --briefwissel.reminders.interval=1s --briefwissel.reminders.initial-delay=1s \
    --briefwissel.reminders.from=00:00 --briefwissel.reminders.until=24:00 --briefwissel.reminders.working-days-only=false \
    --logging.level.nl.briefwissel.mail.OutboxWorker=DEBUG > "$work/$1.log" 2>&1) &
}
healthy() { curl -s -m 2 "127.0.0.1:$1/actuator/health" | grep -q '"UP"'; }

wait_for 30 grep -q "mail server: SMTP" "$work/relay.log" || fail "the relay did not start"
# Both nodes start at the same moment on the empty database, as two replicas of a new installation
# do: migrations, the shipped library and the demo data must each be written once
# (NODES_STAGGER=1 starts node 2 only once node 1 is up).
start node1 $http1 $receiver1
node1=$!
if [ -n "${NODES_STAGGER:-}" ]; then
  wait_for 90 healthy $http1 || fail "node 1 did not become healthy within 90 s"
fi
start node2 $http2 $receiver2
node2=$!
wait_for 90 healthy $http1 || fail "node 1 did not become healthy within 90 s"
wait_for 90 healthy $http2 || fail "node 2 did not become healthy within 90 s"
# The demo data is written once a node is ready (decision 0118), by whichever node takes the seed's turn first.
demo_written() { [ "$(sql "select count(*) from account where email = 'coach@briefwissel.test'")" != "0" ]; }
wait_for 60 demo_written || fail "the demo data was not written within 60 s of both nodes being up"
say "node 1 up on :$http1, node 2 on :$http2, both with the demo data on"
[ "$(sql "select count(*) from account where email = 'coach@briefwissel.test'")" = "1" ] ||
  fail "the demo data is not there exactly once"
[ "$(sql "select count(*) - count(distinct (library_key, language)) from assignment where owner_id is null")" = "0" ] ||
  fail "the shipped assignment library has entries twice"

sanne="$(sql "select t.id from trajectory t join account a on a.id = t.participant_id where a.email = 'deelnemer@briefwissel.test'")"
token="$(sql "select token from reply_token where trajectory_id = '$sanne'")"
[ -n "$sanne" ] && [ -n "$token" ] || fail "no demo trajectory with a reply token for deelnemer@briefwissel.test"
drive() { python3 "$here/drive.py" "$@"; }

# 1. A session from node 1 on node 2.
drive session 127.0.0.1:$http1 127.0.0.1:$http2 coach@briefwissel.test briefwissel "$sanne"

# 2. Reminders: trajectories whose first contact moment passed without a word from the participant,
#    written in ten batches half a second apart (while the coach writes, step 3), so that both nodes'
#    reminder jobs, each running every second, find some of them due.
due_trajectories() { # first last
  sql "with p as (select id, organisation_id, retention_months from programme order by created_at limit 1),
            c as (select id from account where email = 'coach@briefwissel.test'),
            n as (select g, gen_random_uuid() as id from generate_series($1, $2) g),
            a as (insert into account (id, organisation_id, email, display_name, preferred_language, created_at)
                  select n.id, p.organisation_id, 'herinnering-' || g || '@deelnemer.example.nl', 'Deelnemer ' || g, 'nl', now()
                  from n, p returning id),
            r as (insert into account_role (account_id, role) select id, 'PARTICIPANT' from a)
       insert into trajectory (id, programme_id, participant_id, coach_id, status, theme, created_at, started_on, retention_months)
       select gen_random_uuid(), p.id, a.id, c.id, 'RUNNING', 'NEXT_STEP', now(), current_date - 10, p.retention_months from a, p, c" > /dev/null
}
(
  for batch in $(seq 0 9); do
    due_trajectories $((batch * reminders / 10 + 1)) $(((batch + 1) * reminders / 10))
    sleep 0.5
  done
) &
batches=$!
helpers="$batches"

# 3. Outbound: the coach writes through both nodes at once.
coach_before=$(sql "select count(*) from message where trajectory_id = '$sanne' and author_role = 'COACH'")
drive write 127.0.0.1:$http1 127.0.0.1:$http2 coach@briefwissel.test briefwissel "$sanne" "$messages"
say "$messages coach messages written through both nodes"
wait $batches || fail "could not write the trajectories with due reminders"
say "$reminders trajectories with a passed contact moment written meanwhile"

# 4. Inbound: replies to node 1's SMTP receiver, to node 2's, and to the mailbox both nodes read.
reply="reply+$token@briefwissel.test"
drive mail 127.0.0.1 $receiver1 1 "$inbound" deelnemer@briefwissel.test "$reply" nodes-smtp1 &
sender1=$!
drive mail 127.0.0.1 $receiver2 1 "$inbound" deelnemer@briefwissel.test "$reply" nodes-smtp2 &
sender2=$!
drive mail 127.0.0.1 $relay_smtp 1 "$inbound" deelnemer@briefwissel.test "$reply" nodes-imap &
sender3=$!
helpers="$helpers $sender1 $sender2 $sender3"
wait $sender1 || fail "node 1's SMTP receiver did not answer every mail with 250"
wait $sender2 || fail "node 2's SMTP receiver did not answer every mail with 250"
wait $sender3 || fail "the relay did not take every mail for the shared mailbox"
say "$((3 * inbound)) replies delivered: $inbound to each SMTP receiver, $inbound to the shared IMAP mailbox"

# Everything settles: all inbound stored and processed, the reminders queued, the outbox empty.
settled() {
  [ "$(sql "select count(*) from inbound_mail where message_id like '<nodes-%' and status = 'PROCESSED'")" = "$((3 * inbound))" ] &&
    [ "$(sql "select count(*) from reminder r join trajectory t on t.id = r.trajectory_id
              join account a on a.id = t.participant_id where a.email like 'herinnering-%'")" -ge "$reminders" ] &&
    [ "$(sql "select count(*) from outbound_mail where status = 'PENDING'")" = "0" ]
}
wait_for 90 settled || fail "not settled within 90 s: replies by way and status $(sql "select split_part(message_id, '-', 2),
  status, count(*) from inbound_mail where message_id like '<nodes-%' group by 1, 2 order by 1, 2" | tr '\n' ' ')/ \
pending outbound $(sql "select count(*) from outbound_mail where status = 'PENDING'")"
# The relay logs a delivery right after the node's send returned; give the last ones a moment.
all_delivered() { [ "$(wc -l < "$work/deliveries.tsv")" -ge "$(($(sql "select count(*) from outbound_mail where status = 'SENT'") + inbound))" ]; }
wait_for 10 all_delivered || true
say "settled"

# --- checks ---
problems=()
check() { [ "$1" = "$2" ] || problems+=("$3: $1, expected $2"); }

# Session: checked above by drive.py (it exits non-zero otherwise).

# Outbound: every mail queued was sent, and arrived at the relay exactly once; both nodes sent.
sql "select message_id from outbound_mail where status = 'SENT'" | LC_ALL=C sort > "$work/sent.txt"
grep -v "^reply[+@]" "$work/deliveries.tsv" | cut -f2 | LC_ALL=C sort > "$work/arrived.txt" || true
queued=$(sql "select count(*) from outbound_mail")
sent=$(wc -l < "$work/sent.txt")
arrived=$(wc -l < "$work/arrived.txt")
twice=$(uniq -d "$work/arrived.txt" | wc -l)
missing=$(LC_ALL=C comm -23 "$work/sent.txt" <(LC_ALL=C sort -u "$work/arrived.txt") | wc -l)
unknown=$(LC_ALL=C comm -13 "$work/sent.txt" <(LC_ALL=C sort -u "$work/arrived.txt") | wc -l)
by1=$(grep -c "OutboxWorker.*Mail <.*> sent" "$work/node1.log" || true)
by2=$(grep -c "OutboxWorker.*Mail <.*> sent" "$work/node2.log" || true)
check "$(sql "select count(*) from outbound_mail where status <> 'SENT'")" 0 "outbound mails not sent (pending or failed)"
check "$sent" "$queued" "outbound mails sent"
check "$arrived" "$sent" "mails that arrived at the relay"
check "$twice" 0 "Message-IDs that arrived more than once"
check "$missing" 0 "sent mails that never arrived"
check "$unknown" 0 "mails at the relay that no node queued"
check "$((by1 + by2))" "$sent" "sends logged by the two nodes together"
coach_mails=$(sql "select count(*) from message m join outbound_mail o on o.message_id = m.mail_message_id
                   where m.trajectory_id = '$sanne' and m.author_role = 'COACH' and m.channel = 'WEB'")
check "$((coach_mails - coach_before))" "$messages" "coach messages written through the web with their own mail"
[ "$by1" -gt 0 ] || problems+=("node 1 sent no mail")
[ "$by2" -gt 0 ] || problems+=("node 2 sent no mail")

# Reminders: one per trajectory, one mail per participant, whichever node queued it.
check "$(sql "select count(*) from reminder r join trajectory t on t.id = r.trajectory_id
              join account a on a.id = t.participant_id where a.email like 'herinnering-%'")" "$reminders" "reminders recorded"
reminder_mails=$(grep -c "^herinnering-" "$work/deliveries.tsv" || true)
reminder_people=$(grep "^herinnering-" "$work/deliveries.tsv" | cut -f1 | sort -u | wc -l)
check "$reminder_mails" "$reminders" "reminder mails at the relay"
check "$reminder_people" "$reminders" "participants who got a reminder"
check "$(sql "select count(*) from (
                select a.email, count(*) as reminders,
                       (select count(*) from outbound_mail o where o.recipient = a.email and o.auto_submitted) as mails
                from reminder r join trajectory t on t.id = r.trajectory_id join account a on a.id = t.participant_id
                group by a.email) x where reminders <> mails")" 0 "participants (demo ones too) whose reminders and automatic mails differ in number"
reminded1=$(awk '/reminder\(s\) queued/ { for (i = 1; i < NF; i++) if ($(i + 1) == "reminder(s)") sum += $i } END { print sum + 0 }' "$work/node1.log")
reminded2=$(awk '/reminder\(s\) queued/ { for (i = 1; i < NF; i++) if ($(i + 1) == "reminder(s)") sum += $i } END { print sum + 0 }' "$work/node2.log")

# Inbound: each reply stored once, processed once (one log line across both nodes), one message each.
check "$(sql "select count(distinct message_id) from inbound_mail where message_id like '<nodes-%'")" "$((3 * inbound))" "distinct replies stored"
check "$(sql "select count(*) from inbound_mail where message_id like '<nodes-imap-%' and source = 'IMAP'")" "$inbound" "replies stored from the shared mailbox"
check "$(sql "select count(*) from message m join inbound_mail i on i.id = m.inbound_mail_id
              where i.message_id like '<nodes-%' and m.author_role = 'PARTICIPANT'")" "$((3 * inbound))" "replies threaded into the conversation"
check "$(grep -c "^reply[+@]" "$work/deliveries.tsv" || true)" "$inbound" "replies delivered to the shared mailbox"
# One node at a time reads the shared mailbox (the other stays connected and stands by): before, both
# downloaded every mail and one copy was thrown away as a duplicate.
readers=$(grep -l "This node now reads the mailbox" "$work/node1.log" "$work/node2.log" | wc -l)
check "$readers" 1 "nodes that took a turn at reading the shared mailbox"
sql "select id from inbound_mail where message_id like '<nodes-%'" > "$work/inbound-ids.txt"
grep -ho "Inbound mail [0-9a-f-]\{36\}" "$work/node1.log" | cut -d' ' -f3 | sort > "$work/processed1.txt" || true
grep -ho "Inbound mail [0-9a-f-]\{36\}" "$work/node2.log" | cut -d' ' -f3 | sort > "$work/processed2.txt" || true
processed1=$(grep -cFf "$work/inbound-ids.txt" "$work/processed1.txt" || true)
processed2=$(grep -cFf "$work/inbound-ids.txt" "$work/processed2.txt" || true)
check "$(sort "$work/processed1.txt" "$work/processed2.txt" | grep -Ff "$work/inbound-ids.txt" | uniq -d | wc -l)" 0 "replies processed more than once"
check "$((processed1 + processed2))" "$((3 * inbound))" "replies processed (log lines of both nodes)"
[ "$processed1" -gt 0 ] || problems+=("node 1 processed no reply")
[ "$processed2" -gt 0 ] || problems+=("node 2 processed no reply")

if [ "${#problems[@]}" -gt 0 ]; then
  printf '  %s\n' "${problems[@]}" >&2
  fail "two nodes did not behave as one"
fi
say "two nodes on one database behave as one:
  session     signed in on node 1, the same cookie opens a signed-in page on node 2
  outbound    $sent mails queued and sent, each Message-ID arrived at the relay exactly once
              (node 1 sent $by1, node 2 sent $by2; $messages written through the web, half through each node)
  reminders   $reminders due reminders (and $((reminded1 + reminded2 - reminders)) of the demo data), each recorded once and mailed exactly once
              (node 1 queued $reminded1, node 2 queued $reminded2)
  inbound     $((3 * inbound)) replies ($inbound per SMTP receiver, $inbound from the shared IMAP mailbox) stored once,
              processed once (node 1 processed $processed1, node 2 $processed2) and threaded once;
              the shared mailbox read by one node at a time ($readers took a turn)"
