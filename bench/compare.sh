#!/bin/sh
# One command for the side-by-side benchmark: builds TideMQ and the Apache RocketMQ 4.9.3 class path, then runs
# both systems in turn with the same settings and workloads and writes docs/benchmarks.md (table + charts).
# Options go to the comparison tool, e.g.
#   bench/compare.sh --duration 30 --topologies ASYNC_FLUSH,SYNC_REPLICATION --skip-scale
#   bench/compare.sh --skip-topologies --scale TOPICS,CLUSTER
# The scale runs (10,000 topics, 1,000 groups, a 10 GiB cold drain, a whole 2m-2s-sync cluster) need root for
# drop_caches and about 30 GiB of free disk; together they take 30 to 50 minutes on a 2-core machine.
set -e
cd "$(dirname "$0")/.."
# clean: stale jars from an older layout of lib/ would otherwise stay on the servers' class path
mvn -B -q -DskipTests clean package -pl distribution,apache-peer -am
LIB="$(pwd)/distribution/target/tidemq/lib"
exec java -Xmx256m -cp "$LIB/tools/*:$LIB/*" io.tidemq.tools.compare.CompareMain \
  --tidemq-classpath "$LIB/*" \
  --tools-classpath "$LIB/tools/*:$LIB/*" \
  --apache-classpath-file apache-peer/target/apache-rocketmq-4.9.3.classpath \
  --work target/compare --out docs/benchmarks.md "$@"
