#!/bin/sh
# One command for the side-by-side benchmark: builds TideMQ and the Apache RocketMQ 4.9.3 class path, then runs
# both systems in turn with the same settings and workloads and writes docs/benchmarks.md (table + charts).
# Options go to the comparison tool, e.g.  bench/compare.sh --duration 30 --topologies ASYNC_FLUSH,SYNC_REPLICATION
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl distribution,apache-peer -am
LIB="$(pwd)/distribution/target/tidemq/lib/*"
exec java -Xmx256m -cp "$LIB" io.tidemq.tools.compare.CompareMain \
  --tidemq-classpath "$LIB" \
  --apache-classpath-file apache-peer/target/apache-rocketmq-4.9.3.classpath \
  --work target/compare --out docs/benchmarks.md "$@"
