#!/bin/sh
# Builds TideMQ and runs a local NameServer (127.0.0.1:9876) and broker (127.0.0.1:10911) in one process,
# with data and logs in ./data (or --data DIR), and the web console at http://127.0.0.1:8080/ beside them
# (TIDEMQ_CONSOLE=off leaves it out). Extra arguments go to the standalone runner, e.g.
#   ./tidemq.sh flushDiskType=SYNC_FLUSH
# Stop with Ctrl-C (the console stops with the servers).
set -e
cd "$(dirname "$0")"
mvn -B -q -DskipTests package -pl distribution -am
if [ "${TIDEMQ_CONSOLE:-on}" != off ]; then
  console_log="${TMPDIR:-/tmp}/tidemq-console.out"
  sh distribution/target/tidemq/bin/mqconsole -n 127.0.0.1:9876 > "$console_log" 2>&1 &
  console_pid=$!
  trap 'kill "$console_pid" 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  echo "Web console: http://127.0.0.1:8080/ (output in $console_log)"
fi
sh distribution/target/tidemq/bin/tidemq-standalone "$@"
