#!/bin/bash
# Heap allocated by a broker per message on the send path and on the pull path, from its own GC log: a NameServer
# and a broker (ASYNC_FLUSH, -Xms512m -Xmx512m G1, the class-data-sharing archive) of the distribution in DIST,
# mqbench sending 1 KiB messages from 16 threads (15 s warm-up, then a 20 s window), then a push consumer draining
# the topic (its own window). Allocation in a window = heap used at its end - heap used at its start (jcmd
# GC.heap_info) + what every collection inside it freed (the GC log); divided by the messages of the window.
# Usage: bench/alloc-per-message.sh [DIST] (default: distribution/target/tidemq of this tree). Ports 39876, 39911.
set -e
cd "$(dirname "$0")/.."
DIST=${1:-$PWD/distribution/target/tidemq}
OUT=$(mktemp -d /tmp/tidemq-alloc.XXXXXX)
JVM="-Xms512m -Xmx512m -XX:MaxDirectMemorySize=512m -XX:+UseG1GC -XX:SharedArchiveFile=$DIST/lib/tidemq.jsa"
JVM="$JVM -Xlog:cds=off -Xlog:cds+dynamic=off"
mkdir -p "$OUT/ns" "$OUT/b"
printf 'listenPort=39876\nkvConfigPath=%s/ns/kv.json\n' "$OUT" > "$OUT/ns.properties"
printf 'brokerClusterName=C\nbrokerName=b\nlistenPort=39911\nnamesrvAddr=127.0.0.1:39876\nbrokerIP1=127.0.0.1\n%s\n%s\n' \
  "storePathRootDir=$OUT/b/store" "storePathCommitLog=$OUT/b/store/commitlog" > "$OUT/b.properties"
java $JVM -Duser.home="$OUT/ns" -cp "$DIST/lib/*" io.tidemq.namesrv.NamesrvStartup -c "$OUT/ns.properties" \
  > "$OUT/ns.out" 2>&1 &
NS=$!
java $JVM -Xlog:gc:file="$OUT/gc.log":uptimemillis -Duser.home="$OUT/b" -cp "$DIST/lib/*" \
  io.tidemq.broker.BrokerStartup -c "$OUT/b.properties" > "$OUT/b.out" 2>&1 &
BROKER=$!
trap 'kill $BROKER $NS 2>/dev/null; wait $BROKER $NS 2>/dev/null; rm -rf "$OUT"' EXIT
until grep -q "boot success" "$OUT/b.out" 2>/dev/null; do sleep 0.2; done
BENCH="java -Xmx512m -cp $DIST/lib/tools/*:$DIST/lib/* io.tidemq.tools.bench.MqBench"
$BENCH produce -n 127.0.0.1:39876 -t AllocTopic -c 16 -s 1024 -d 15 -w 0 > "$OUT/warm.out" 2>&1

# window NAME COMMAND...: runs the workload between two readings of the broker's heap and uptime
window() {
  local name=$1
  shift
  jcmd $BROKER VM.uptime | tail -1 > "$OUT/$name.t0"
  jcmd $BROKER GC.heap_info | grep -o 'used [0-9]*K' | head -1 > "$OUT/$name.h0"
  "$@" > "$OUT/$name.out" 2>&1
  jcmd $BROKER GC.heap_info | grep -o 'used [0-9]*K' | head -1 > "$OUT/$name.h1"
  jcmd $BROKER VM.uptime | tail -1 > "$OUT/$name.t1"
  python3 - "$OUT" "$name" <<'PY'
import json, re, sys
out, name = sys.argv[1], sys.argv[2]
def num(f, pat=r'([0-9.]+)'):
    return float(re.search(pat, open(f'{out}/{name}.{f}').read()).group(1))
t0, t1 = num('t0') * 1000, num('t1') * 1000
h0, h1 = num('h0', r'(\d+)K') * 1024, num('h1', r'(\d+)K') * 1024
freed = 0
for t, before, after in re.findall(r'\[(\d+)ms\] GC\(\d+\) Pause \S+.*? (\d+)M->(\d+)M', open(f'{out}/gc.log').read()):
    if t0 <= int(t) <= t1:
        freed += (int(before) - int(after)) * 1048576
result = json.loads(open(f'{out}/{name}.out').read().split('RESULT ')[1].splitlines()[0])
messages = result.get('sent') or result.get('messages')
print(f'{name}: {messages:.0f} messages, {(h1 - h0 + freed) / 1e6:.0f} MB allocated by the broker, '
      f'{(h1 - h0 + freed) / messages:.0f} bytes per message')
PY
}
window send $BENCH produce -n 127.0.0.1:39876 -t AllocTopic -c 16 -s 1024 -d 20 -w 0
window pull $BENCH consume -n 127.0.0.1:39876 -t AllocTopic -d 60 -w 0 --idle-stop 3
