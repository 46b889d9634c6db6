#!/usr/bin/env bash
# CI check of the README's quickest start: the evaluation default from target/app and its class-data
# archive, with -Xshare:on so an archive the JVM cannot use fails the check instead of starting slowly.
# Two launches, one after the other: as the README says to try Briefwissel (the archive and only the JVM's
# quick compiler, -XX:TieredStopAtLevel=1, as `./mvnw spring-boot:run` starts it), and as production starts it
# (the archive, the full compiler the pages need). Each on empty data (migrations and the demo story), waited
# for at most two minutes until /actuator/health is UP, then the sign-in page is asked for, then until the
# demo data, written once the application is ready (decision 0118), is there. Loopback only.
# Usage: ./mvnw package && bash bench/footprint/archive-start.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

# Not local: the EXIT trap runs after the function is left when `set -e` ends the script, and must still see them.
pid=""
work=""
trap '[ -n "$pid" ] && { kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; }; [ -n "$work" ] && rm -rf "$work"' EXIT

start_once() {
  local label="$1"
  shift
  local start
  work="$(mktemp -d)"
  (cd "$work" && exec java "$@" -Xshare:on -XX:SharedArchiveFile="$root/target/app/briefwissel.jsa" \
    -jar "$root/target/app/briefwissel.jar" --briefwissel.port=18091 --briefwissel.mail.embedded.smtp-port=0 \
    --briefwissel.mail.embedded.imap-port=0 > "$work/app.log" 2>&1) &
  pid=$!
  start=$(date +%s%N)
  for _ in $(seq 1 1200); do
    if ! kill -0 "$pid" 2> /dev/null; then
      tail -40 "$work/app.log" >&2
      echo "The start from the class-data archive ($label) stopped (log above)" >&2
      exit 1
    fi
    curl -s --max-time 2 localhost:18091/actuator/health | grep -q '"UP"' && break
    sleep 0.1
  done
  curl -s --max-time 2 localhost:18091/actuator/health | grep -q '"UP"' \
    || { tail -40 "$work/app.log" >&2; echo "Not healthy within two minutes ($label)" >&2; exit 1; }
  echo "Healthy after $(( ($(date +%s%N) - start) / 1000000 )) ms from the class-data archive ($label)"
  status=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' localhost:18091/login || true)
  [ "$status" = "200" ] || { echo "The sign-in page answered $status ($label)" >&2; exit 1; }
  echo "Sign-in page 200 ($label)"
  # The demo data follows in the seconds after (decision 0118); the sign-in page says so until it is written.
  for _ in $(seq 1 600); do
    page=$(curl -s --max-time 5 -H 'Accept-Language: nl' localhost:18091/login || true)
    if grep -q "voorbeeldgegevens konden niet" <<< "$page"; then
      tail -40 "$work/app.log" >&2
      echo "The demo data could not be written ($label)" >&2
      exit 1
    fi
    grep -q "voorbeeldgegevens" <<< "$page" || break
    sleep 0.1
  done
  grep -q "voorbeeldgegevens" <<< "$page" && { echo "The demo data was not written within a minute ($label)" >&2; exit 1; }
  echo "Demo data written $(( ($(date +%s%N) - start) / 1000000 )) ms after the start ($label)"
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  rm -rf "$work"
  pid=""
  work=""
}

start_once "to try it, the quick compiler" -XX:TieredStopAtLevel=1
start_once "as in production, the full compiler"
