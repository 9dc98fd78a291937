#!/bin/sh
# The broker's CPU per message with metrics off (metricsPort=0) and on (the default, scraped every 15 s as a
# Prometheus would): a NameServer and a broker from the packaged distribution, the load tool at a fixed rate,
# the broker's CPU time (utime+stime from /proc) over the measured run divided by the messages it carried.
# Rounds alternate off/on so drift on a shared machine hits both alike. Usage:
#   bench/metrics-cost.sh [ROUNDS=3] [RATE=2000] [SECONDS=30]
set -e
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
RATE=${2:-2000}
SECONDS_PER_RUN=${3:-30}
DIST="$(pwd)/distribution/target/tidemq"
[ -x "$DIST/bin/mqbroker" ] || mvn -B -q -DskipTests package -pl distribution -am
WORK=$(mktemp -d /tmp/tidemq-metrics-cost.XXXXXX)
NS_PORT=29876
BROKER_PORT=30911
TICKS=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

cleanup() {
  [ -n "$BROKER" ] && kill "$BROKER" 2>/dev/null || true
  [ -n "$NS" ] && kill "$NS" 2>/dev/null || true
}
trap cleanup EXIT

printf 'listenPort=%s\nmetricsPort=0\nkvConfigPath=%s/kv.json\n' "$NS_PORT" "$WORK" > "$WORK/namesrv.properties"
sh "$DIST/bin/mqnamesrv" -c "$WORK/namesrv.properties" > "$WORK/namesrv.out" 2>&1 &
NS=$!
sleep 3

run() { # $1 = off|on, $2 = round
  store="$WORK/store-$1-$2"
  if [ "$1" = off ]; then metrics=0; else metrics=$((BROKER_PORT + 6)); fi
  sh "$DIST/bin/mqbroker" -n "127.0.0.1:$NS_PORT" brokerName=cost brokerIP1=127.0.0.1 listenPort=$BROKER_PORT \
    storePathRootDir="$store" metricsPort=$metrics autoCreateTopicEnable=true > "$WORK/broker-$1-$2.out" 2>&1 &
  BROKER=$!
  for _ in $(seq 1 60); do grep -q "boot success" "$WORK/broker-$1-$2.out" && break; sleep 0.5; done
  scraper=""
  if [ "$1" = on ]; then
    (while true; do curl -s -o /dev/null "http://127.0.0.1:$metrics/metrics"; sleep 15; done) &
    scraper=$!
  fi
  sh "$DIST/bin/mqbench" e2e -n "127.0.0.1:$NS_PORT" -t CostTopic -r "$RATE" -s 1024 -d "$SECONDS_PER_RUN" -w 5 \
    --report 10 > "$WORK/bench-$1-$2.out" 2>&1 &
  bench=$!
  # measure from the end of the warm-up to the end of the run
  for _ in $(seq 1 120); do grep -q "MEASURE-BEGIN" "$WORK/bench-$1-$2.out" && break; sleep 0.25; done
  before=$(cpu_ticks "$BROKER")
  for _ in $(seq 1 400); do grep -q "MEASURE-END" "$WORK/bench-$1-$2.out" && break; sleep 0.25; done
  after=$(cpu_ticks "$BROKER")
  wait "$bench" || true
  [ -n "$scraper" ] && kill "$scraper" 2>/dev/null || true
  sent=$(sed -n 's/.*"sent":\([0-9]*\).*/\1/p' "$WORK/bench-$1-$2.out")
  kill "$BROKER"; wait "$BROKER" 2>/dev/null || true
  BROKER=""
  # CPU ms per 1000 messages; sent counts the whole run, of which the measured part is SECONDS_PER_RUN
  measured=$(awk -v s="$sent" -v d="$SECONDS_PER_RUN" -v w=5 'BEGIN {print s * d / (d + w)}')
  awk -v t=$((after - before)) -v hz="$TICKS" -v m="$measured" -v mode="$1" -v r="$2" \
    'BEGIN {printf "%s round %s: %.1f CPU ms per 1000 messages (%d messages)\n", mode, r, t * 1000 / hz / m * 1000, m}' \
    | tee -a "$WORK/results.txt"
}

for r in $(seq 1 "$ROUNDS"); do
  run off "$r"
  run on "$r"
done
awk '/^off/ {off += $4; n++} /^on/ {on += $4} END {printf "mean: off %.1f, on %.1f CPU ms per 1000 messages: on/off = %.3f\n", off/n, on/n, on/off}' \
  "$WORK/results.txt"
echo "logs in $WORK"
