#!/bin/bash
# Boot time of a broker, and where it goes: a NameServer of the distribution in DIST, then N boots of a fresh broker
# (ASYNC_FLUSH master, empty store, -Xms512m -Xmx512m G1 and the class-data-sharing archive, as bench/compare.sh
# starts it) registering with it. For each boot: wall time from launch to the boot line, the broker's CPU time
# (user+system) and thread count at that moment, and its anon/file RSS one second later.
# With --classes, the last boot also writes the JVM's class-loading log with uptimes (classes.log) and prints the
# uptime at which each step of the boot began, read from the first class each step loads; the log stays in the
# printed folder.
# Usage: bench/boot-time.sh [-n N] [--classes] [DIST]  (defaults: 5 boots, distribution/target/tidemq of this tree).
# Ports 39876 (NameServer) and 39909-39917 (broker).
set -e
cd "$(dirname "$0")/.."
N=5 CLASSES=
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N=$2; shift 2 ;;
    --classes) CLASSES=1; shift ;;
    *) break ;;
  esac
done
DIST=${1:-$PWD/distribution/target/tidemq}
OUT=$(mktemp -d /tmp/tidemq-boot.XXXXXX)
JVM="-Xms512m -Xmx512m -XX:MaxDirectMemorySize=512m -XX:+UseG1GC -XX:SharedArchiveFile=$DIST/lib/tidemq.jsa"
JVM="$JVM -Xlog:cds=off -Xlog:cds+dynamic=off"
mkdir -p "$OUT/ns"
printf 'listenPort=39876\nkvConfigPath=%s/ns/kv.json\n' "$OUT" > "$OUT/ns.properties"
java $JVM -Duser.home="$OUT/ns" -Drocketmq.home.dir="$DIST" -cp "$DIST/lib/*:$DIST/conf" \
  io.tidemq.namesrv.NamesrvStartup -c "$OUT/ns.properties" > "$OUT/ns.out" 2>&1 &
NS=$!
BROKER=
cleanup() {
  [ -n "$BROKER" ] && kill "$BROKER" 2>/dev/null && wait "$BROKER" 2>/dev/null
  kill "$NS" 2>/dev/null; wait "$NS" 2>/dev/null || true
  if [ -n "$CLASSES" ]; then rm -rf "$OUT/b" "$OUT/ns"; else rm -rf "$OUT"; fi
}
trap cleanup EXIT
until grep -q "boot success" "$OUT/ns.out" 2>/dev/null; do sleep 0.1; done
HZ=$(getconf CLK_TCK)
for i in $(seq 1 "$N"); do
  rm -rf "$OUT/b"; mkdir -p "$OUT/b"
  printf 'brokerClusterName=C\nbrokerName=b\nlistenPort=39911\nnamesrvAddr=127.0.0.1:39876\nbrokerIP1=127.0.0.1\n%s\n' \
    "storePathRootDir=$OUT/b/store" > "$OUT/b.properties"
  EXTRA=
  if [ -n "$CLASSES" ] && [ "$i" = "$N" ]; then EXTRA="-Xlog:class+load:file=$OUT/classes.log:uptime"; fi
  t0=$(date +%s%N)
  java $JVM $EXTRA -Duser.home="$OUT/b" -Drocketmq.home.dir="$DIST" -cp "$DIST/lib/*:$DIST/conf" \
    io.tidemq.broker.BrokerStartup -c "$OUT/b.properties" > "$OUT/b.out" 2>&1 &
  BROKER=$!
  until grep -q "boot success" "$OUT/b.out" 2>/dev/null; do
    kill -0 "$BROKER" 2>/dev/null || { cat "$OUT/b.out"; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  cpu=$(awk -v hz="$HZ" '{print ($14 + $15) * 1000 / hz}' "/proc/$BROKER/stat")
  threads=$(ls "/proc/$BROKER/task" | wc -l)
  sleep 1
  anon=$(awk '/RssAnon/ {print $2}' "/proc/$BROKER/status")
  file=$(awk '/RssFile/ {print $2}' "/proc/$BROKER/status")
  echo "boot $i: $(( (t1 - t0) / 1000000 )) ms, CPU $cpu ms, $threads threads; 1 s later RSS anon $((anon / 1024)) MiB, file $((file / 1024)) MiB"
  kill "$BROKER"; wait "$BROKER" 2>/dev/null || true; BROKER=
done
if [ -n "$CLASSES" ]; then
  echo "uptime (s) at the first class of each step, last boot ($OUT/classes.log):"
  for step in io.tidemq.broker.BrokerStartup io.tidemq.config.ConfigBinder ch.qos.logback.classic.LoggerContext \
      io.tidemq.broker.BrokerController io.tidemq.store.DefaultMessageStore io.tidemq.metrics.ProcessMetrics \
      io.tidemq.remoting.netty.NettyRemotingServer io.tidemq.broker.out.RegisterResult \
      io.tidemq.broker.executor.BrokerFastFailure; do
    grep -m1 " $step " "$OUT/classes.log" | awk -v s="$step" '{print "  " $1 " " s}'
  done
  echo "  (BrokerFastFailure: loaded right after the first registration; the boot line follows it)"
fi
