#!/bin/sh
# Builds TideMQ and runs a local NameServer (127.0.0.1:9876) and broker (127.0.0.1:10911) in one process,
# with data and logs in ./data (or --data DIR). Extra arguments go to the standalone runner, e.g.
#   ./tidemq.sh flushDiskType=SYNC_FLUSH
# Stop with Ctrl-C.
set -e
cd "$(dirname "$0")"
mvn -B -q -DskipTests package -pl distribution -am
exec sh distribution/target/tidemq/bin/tidemq-standalone "$@"
