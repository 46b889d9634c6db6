# Sourced by the benchmarks that run against the machine's own PostgreSQL (pages, inbound).
#
# PostgreSQL as deployed vacuums on its own (autovacuum is on unless someone turns it off). The CI
# machine this project is measured on turns it off (/etc/postgresql/15/main/conf.d/90-ci.conf), and
# then every signed-in request's update of its session row stays behind as a dead row: 550,000 of
# them in a 200-row session table after an hour of runs, and each page's session look-up and update
# slower the longer a run lasts. That is not what a deployed instance does, so a run turns
# autovacuum on for its own duration and puts the server's setting back afterwards.
# BRIEFWISSEL_BENCH_KEEP_AUTOVACUUM=1 measures the server as it is configured instead.

autovacuum_restore=""

autovacuum_for_run() {
  local psql=(psql -h 127.0.0.1 -U postgres -At -v ON_ERROR_STOP=1)
  if [ "${BRIEFWISSEL_BENCH_KEEP_AUTOVACUUM:-}" = "1" ]; then
    echo "autovacuum: $("${psql[@]}" -c 'show autovacuum') (kept as the server has it)"
    return
  fi
  if [ "$("${psql[@]}" -c 'show autovacuum')" != "off" ]; then
    return
  fi
  # Put back exactly what was there: an ALTER SYSTEM setting of its own, or none.
  if [ "$("${psql[@]}" -c "select coalesce(sourcefile, '') like '%postgresql.auto.conf' from pg_settings where name = 'autovacuum'")" = "t" ]; then
    autovacuum_restore="alter system set autovacuum = off"
  else
    autovacuum_restore="alter system reset autovacuum"
  fi
  "${psql[@]}" -q -c "alter system set autovacuum = on" -c "select pg_reload_conf()" > /dev/null
  echo "autovacuum: off on this server, on for this run (BRIEFWISSEL_BENCH_KEEP_AUTOVACUUM=1 keeps it off)"
}

autovacuum_back() {
  if [ -n "$autovacuum_restore" ]; then
    psql -h 127.0.0.1 -U postgres -q -c "$autovacuum_restore" -c "select pg_reload_conf()" > /dev/null || true
    autovacuum_restore=""
  fi
}
