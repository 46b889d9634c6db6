#!/usr/bin/env bash
# CI check of the README's quickest start: the evaluation default from target/app and its class-data
# archive, with -Xshare:on so an archive the JVM cannot use fails the check instead of starting slowly.
# Waits at most two minutes for /actuator/health UP, then asks for the sign-in page. Loopback only.
# Usage: ./mvnw package && bash bench/footprint/archive-start.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
cd "$work"
java -Xshare:on -XX:SharedArchiveFile="$root/target/app/briefwissel.jsa" -jar "$root/target/app/briefwissel.jar" \
  --briefwissel.port=18091 --briefwissel.mail.embedded.smtp-port=0 --briefwissel.mail.embedded.imap-port=0 > app.log 2>&1 &
pid=$!
trap 'kill "$pid" 2> /dev/null || true; wait "$pid" 2> /dev/null || true; rm -rf "$work"' EXIT
start=$(date +%s%N)
for _ in $(seq 1 1200); do
  if ! kill -0 "$pid" 2> /dev/null; then
    tail -40 app.log >&2
    echo "The start from the class-data archive stopped (log above)" >&2
    exit 1
  fi
  curl -s localhost:18091/actuator/health | grep -q '"UP"' && break
  sleep 0.1
done
curl -s localhost:18091/actuator/health | grep -q '"UP"' || { tail -40 app.log >&2; echo "Not healthy within two minutes" >&2; exit 1; }
echo "Healthy after $(( ($(date +%s%N) - start) / 1000000 )) ms from the class-data archive"
status=$(curl -s -o /dev/null -w '%{http_code}' localhost:18091/login)
[ "$status" = "200" ] || { echo "The sign-in page answered $status" >&2; exit 1; }
echo "Sign-in page 200"
