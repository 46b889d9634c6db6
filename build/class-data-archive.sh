#!/usr/bin/env bash
# Makes target/app during `package`: the application's jar extracted (its classes loadable from plain
# jars) and a class-data archive (CDS) of the classes a start loads, from a training start that stops
# once the application context is up. A start from it reads those classes ready-made instead of
# finding, reading and checking each one:
#   java -XX:SharedArchiveFile=target/app/briefwissel.jsa -jar target/app/briefwissel.jar
# The archive fits only this build and this Java (the JVM checks both and otherwise starts without it).
# Skipped with -Dcds.skip=true, which removes an earlier target/app (it would start an earlier build).
# Usage (from the pom): class-data-archive.sh <java> <target directory> <skip: true or false>
set -euo pipefail
java="$1"
target="$(cd "$2" && pwd)"
app="$target/app"
training="$target/cds-training"
rm -rf "$app" "$training"
if [ "${3:-false}" = "true" ]; then
  exit 0
fi
"$java" -Djarmode=tools -jar "$target/briefwissel.jar" extract --destination "$app" > /dev/null
mkdir -p "$training"
cd "$training"
# The evaluation default on free ports, whatever this shell's environment configures (a CI run on
# PostgreSQL sets BRIEFWISSEL_DB_URL): an empty H2 database here, the embedded mail server, no runners.
if ! env -i PATH="$PATH" HOME="$HOME" "$java" -XX:ArchiveClassesAtExit="$app/briefwissel.jsa" -Xlog:cds=error \
    -Xlog:cds+dynamic=error -Dspring.context.exit=onRefresh -jar "$app/briefwissel.jar" --briefwissel.port=0 \
    --briefwissel.mail.embedded.smtp-port=0 --briefwissel.mail.embedded.imap-port=0 > training.log 2>&1; then
  tail -40 training.log >&2
  echo "The class-data archive's training start failed (log above, whole in $training/training.log)" >&2
  exit 1
fi
if [ ! -s "$app/briefwissel.jsa" ]; then
  tail -40 training.log >&2
  echo "The training start wrote no class-data archive (log in $training/training.log)" >&2
  exit 1
fi
echo "Class-data archive: $app/briefwissel.jsa ($(( $(stat -c %s "$app/briefwissel.jsa") / 1048576 )) MB)"
