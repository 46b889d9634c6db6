#!/usr/bin/env bash
# Mail at scale (issues #3 and #9): COUNT replies through the SMTP receiver, rate and p99 from 250
# to visible, next to Postfix's smtp-sink (the transport's physical limit on this machine) measured
# in the same run with the same load generator, connections and mails.
# Run from the project root: bash bench/inbound/scale.sh [COUNT] [CONNECTIONS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-10000}"
connections="${2:-8}"
rate="${3:-0}"
sink_dir=target/smtp-sink
if [ ! -x "$sink_dir/usr/sbin/smtp-sink" ]; then
  # Only the binary and its libraries, unpacked from the Debian package: no mail server is installed or started.
  mkdir -p "$sink_dir"
  (cd "$sink_dir" && apt-get download postfix > /dev/null 2>&1 && dpkg-deb -x postfix_*.deb .)
fi
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
as_user=()
[ "$(id -u)" -eq 0 ] && as_user=(-u nobody)
LD_LIBRARY_PATH="$sink_dir/usr/lib/postfix" "$sink_dir/usr/sbin/smtp-sink" "${as_user[@]}" 127.0.0.1:2599 256 > /dev/null 2>&1 &
sink=$!
trap 'kill $sink 2> /dev/null || true' EXIT
sleep 1
echo "== Postfix smtp-sink on 127.0.0.1:2599"
java -cp "$(cat target/bench-classpath.txt)" bench/inbound/InboundLoad.java 2599 - - "$count" "$connections" "$rate" | tee target/bench-sink.txt
kill "$sink"
echo "== Briefwissel's SMTP receiver on PostgreSQL"
bash bench/inbound/run.sh "$count" "$connections" "$rate" | tee target/bench-briefwissel.txt
sink_rate=$(sed -n 's/SMTP accept rate: \([0-9]*\).*/\1/p' target/bench-sink.txt)
visible_rate=$(sed -n 's/sustained rate 250 -> visible: \([0-9]*\).*/\1/p' target/bench-briefwissel.txt)
accept_rate=$(sed -n 's/SMTP accept rate: \([0-9]*\).*/\1/p' target/bench-briefwissel.txt)
echo "== Ratio to smtp-sink: accepted $accept_rate/$sink_rate = $((accept_rate * 100 / sink_rate)) %, visible $visible_rate/$sink_rate = $((visible_rate * 100 / sink_rate)) %"
