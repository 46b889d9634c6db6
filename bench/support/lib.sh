# Shared by the crash, outage and multi-node scripts: a fresh PostgreSQL database, the built jar
# started and killed as a real process, the stand-alone mail server, and psql in one line.
# Source it after setting `work` (a temporary directory) and `name` (a short label):
#   work="$(mktemp -d)"; name=outbox; source "$(dirname "$0")/../support/lib.sh"

support="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$support/../.." && pwd)"
jar="$project/target/briefwissel.jar"
pg_host="${BENCH_PG_HOST:-127.0.0.1}"
pg_port="${BENCH_PG_PORT:-5432}"
database="briefwissel_${name}_$(date +%s)_$$"
declare -A app_pids=()
mail_pid=""

# GreenMail's classpath for the stand-alone mail server, taken from the application jar.
bench_classpath() {
  [ -d "$work/lib" ] || python3 "$support/greenmail-classpath.py" "$jar" "$work/lib"
  echo "$work/lib/*"
}

sql() { psql -h "$pg_host" -p "$pg_port" -U postgres -At -v ON_ERROR_STOP=1 -c "$1" "$database"; }

create_database() {
  psql -h "$pg_host" -p "$pg_port" -U postgres -q -v ON_ERROR_STOP=1 -c "create database $database"
}

# Stops everything this script started, shows the application's log when the script failed.
bench_cleanup() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    for log in "$work"/app-*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -40 "$log" >&2; }; done
  fi
  for pid in "${app_pids[@]}"; do kill -9 "$pid" 2> /dev/null || true; done
  [ -n "$mail_pid" ] && kill "$mail_pid" 2> /dev/null || true
  psql -h "$pg_host" -p "$pg_port" -U postgres -q -c "drop database if exists $database with (force)" 2> /dev/null || true
  rm -rf "$work"
  return "$status"
}

# start_app NODE PORT [extra arguments...]: starts the jar on the database and waits until it
# answers health (UP or DEGRADED). `exec java` so that kill -9 reaches the JVM itself.
start_app() {
  local node="$1" port="$2"
  shift 2
  (cd "$work" && exec java -Xmx512m -jar "$jar" --briefwissel.port="$port" \
    --briefwissel.db.url="jdbc:postgresql://$pg_host:$pg_port/$database" --briefwissel.db.user=postgres \
    --briefwissel.db.password= --briefwissel.demo.enabled="${BENCH_DEMO:-false}" "$@" >> "$work/app-$node.log" 2>&1) &
  app_pids[$node]=$!
  disown "${app_pids[$node]}" # its kill -9 is the point, not worth a line from the shell
  for _ in $(seq 1 300); do
    curl -s -m 2 "localhost:$port/actuator/health" | grep -q '"status"' && return 0
    kill -0 "${app_pids[$node]}" 2> /dev/null || { echo "node $node exited during start" >&2; return 1; }
    sleep 0.2
  done
  echo "node $node did not answer health within a minute" >&2
  return 1
}

crash_app() {
  local node="$1" port="$2"
  kill -9 "${app_pids[$node]}"
  while kill -0 "${app_pids[$node]}" 2> /dev/null; do sleep 0.05; done
  if curl -s -m 1 "localhost:$port/actuator/health" > /dev/null; then
    echo "node $node survived kill -9" >&2
    return 1
  fi
}

# start_mail_server SMTP IMAP CONTROL: the stand-alone GreenMail of bench/support/MailServer.java.
start_mail_server() {
  mail_control="$3"
  java -Xmx256m -cp "$(bench_classpath)" "$support/MailServer.java" "$1" "$2" "$3" "briefwissel" \
    >> "$work/mail-server.log" 2>&1 &
  mail_pid=$!
  for _ in $(seq 1 150); do
    curl -s -m 1 "localhost:$mail_control/delivered" > /dev/null && return 0
    sleep 0.2
  done
  echo "the mail server did not start" >&2
  return 1
}

mail_server() { curl -s -m 10 -X POST "localhost:$mail_control/$1" > /dev/null; }

delivered() { curl -s -m 10 "localhost:$mail_control/delivered"; }

# queue_mails PREFIX FIRST COUNT: outbound mails queued as the Outbox queues a coach's message (a
# person's mail, so the loop brake does not apply), Message-IDs <PREFIX-N@briefwissel.test>.
queue_mails() {
  sql "insert into outbound_mail (id, message_id, recipient, subject, text_body, status, attempts, next_attempt_at, created_at)
       select gen_random_uuid(), '<$1-' || n || '@briefwissel.test>', 'deelnemer' || (n % 20) || '@example.nl',
              'Bericht ' || n, 'Beste deelnemer, dit is bericht ' || n || '.', 'PENDING', 0, now(), now()
       from generate_series($2, $2 + $3 - 1) n" > /dev/null
}

# wait_for DESCRIPTION SECONDS COMMAND...: polls until the command succeeds.
wait_for() {
  local what="$1" seconds="$2"
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" && return 0
    sleep 0.2
  done
  echo "timed out after ${seconds}s waiting for $what" >&2
  return 1
}
