#!/bin/sh
# One command for the side-by-side benchmark: builds TideMQ and the Apache RocketMQ 4.9.3 and 5.3.1 class paths,
# then runs the three systems in turn with the same settings and workloads, in rounds (--rounds, default 3) that
# alternate who goes first, and writes docs/benchmarks.md (medians with ranges, ratios, charts). The scale runs
# compare TideMQ with 4.9.3 only.
# Options go to the comparison tool, e.g.
#   bench/compare.sh --duration 30 --topologies ASYNC_FLUSH,SYNC_REPLICATION --skip-scale
#   bench/compare.sh --skip-topologies --scale TOPICS,CLUSTER
# The scale runs (10,000 topics, 1,000 groups, a 10 GiB cold drain, a whole 2m-2s-sync cluster) need root for
# drop_caches and about 30 GiB of free disk; together they take 30 to 50 minutes on a 2-core machine.
set -e
cd "$(dirname "$0")/.."
# clean: stale jars from an older layout of lib/ would otherwise stay on the servers' class path
mvn -B -q -DskipTests clean package -pl distribution,apache-peer -am
mvn -B -q -f bench/apache-5.3.1/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$PWD/target/apache-5.3.1.classpath"
LIB="$(pwd)/distribution/target/tidemq/lib"
exec java -Xmx256m -cp "$LIB/tools/*:$LIB/*" io.tidemq.tools.compare.CompareMain \
  --tidemq-classpath "$LIB/*" \
  --tools-classpath "$LIB/tools/*:$LIB/*" \
  --apache-classpath-file apache-peer/target/apache-rocketmq-4.9.3.classpath \
  --apache5-classpath-file target/apache-5.3.1.classpath \
  --work target/compare --out docs/benchmarks.md "$@"
