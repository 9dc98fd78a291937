#!/bin/sh
# Automatic failover side by side: the same benchmark (io.tidemq.tools.compare.FailoverBench: official 4.9.3
# producer with 4 threads polling routes every second, the master of a two-broker group killed with SIGKILL KILLS
# times at random moments and restarted) on
#   1. TideMQ: bin/mqnamesrv, bin/mqcontroller, two bin/mqbroker with conf/controller/quick-start/broker-n*.conf;
#   2. Apache RocketMQ 5.3.1 in controller mode with its default allAckInSyncStateSet=false;
#   3. the same with allAckInSyncStateSet=true.
# Apache 5.3.1's NameServer is not on Maven Central, so its brokers register with Apache 4.9.3's NameServer (which the
# 4.9.3 client follows), and its controller runs standalone. Everything binds 127.0.0.1 on ports 19876-19879 and
# 30909-30922. Results: target/failover-compare/results.md. Usage: bench/compare-failover.sh [KILLS]
set -e
cd "$(dirname "$0")/.."
KILLS=${1:-10}
[ -n "$SKIP_BUILD" ] || mvn -B -q -DskipTests install -pl distribution,apache-peer -am
mvn -B -q -f bench/apache-5.3.1/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$PWD/target/apache-5.3.1.classpath"
ROOT=$PWD
DIST=$ROOT/distribution/target/tidemq
A49=$(cat apache-peer/target/apache-rocketmq-4.9.3.classpath)
A53=$(cat target/apache-5.3.1.classpath)
WORK=$ROOT/target/failover-compare
rm -rf "$WORK"
mkdir -p "$WORK/apache-home/conf"
# Apache 4.9.3's NameServer reads its logging set-up from rocketmq.home.dir/conf (5.3.1 has defaults in its jars)
cat > "$WORK/apache-home/conf/logback_namesrv.xml" <<'XML'
<configuration>
  <appender name="F" class="ch.qos.logback.core.FileAppender">
    <file>${user.home}/logs/rocketmqlogs/namesrv.log</file>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="F"/></root>
</configuration>
XML
OUT=$WORK/results.md
OPENS="--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED"
JVM="-Xms256m -Xmx512m -XX:MaxDirectMemorySize=512m -XX:+UseG1GC"
BENCH="java -Xmx1g -cp $DIST/lib/tools/*:$DIST/lib/* io.tidemq.tools.compare.FailoverBench"
NS=127.0.0.1:19876
CTL=127.0.0.1:19878

{
  echo "| system | kills | promotion p50 / max | resume p50 / max | rejoin p50 / max | SEND_OK | lost |"
  echo "|---|---|---|---|---|---|---|"
} > "$OUT"

# --- TideMQ, its defaults
T=$WORK/tidemq
tide_broker() { # n port
  echo "JAVA_OPT_EXT=-Duser.home=$T/b$1 exec sh $DIST/bin/mqbroker -c $DIST/conf/controller/quick-start/broker-n$1.conf \
namesrvAddr=$NS controllerAddr=$CTL brokerIP1=127.0.0.1 brokerIP2=127.0.0.1 listenPort=$2 \
storePathRootDir=$T/b$1/store storePathCommitLog=$T/b$1/store/commitlog"
}
$BENCH --label "TideMQ (allAckInSyncStateSet=true)" --work "$T" --namesrv $NS --kills "$KILLS" --out "$OUT" \
  --namesrv-cmd "JAVA_OPT_EXT=-Duser.home=$T/ns exec sh $DIST/bin/mqnamesrv listenPort=19876" \
  --controller-cmd "JAVA_OPT_EXT=-Duser.home=$T/ctl exec sh $DIST/bin/mqcontroller \
controllerDLegerPeers=n0-$CTL controllerStorePath=$T/ctl/raft" \
  --broker-cmd "$(tide_broker 0 30911)" "$(tide_broker 1 30921)" \
  --broker-addr 127.0.0.1:30911 127.0.0.1:30921

# --- Apache RocketMQ 5.3.1, allAckInSyncStateSet false (its default) then true
for ALLACK in false true; do
  A=$WORK/apache-5.3.1-allack-$ALLACK
  mkdir -p "$A"
  printf 'listenPort=19876\n' > "$A/ns.properties"
  printf 'controllerType=DLedger\ncontrollerDLegerGroup=group1\ncontrollerDLegerPeers=n0-%s\ncontrollerDLegerSelfId=n0\ncontrollerStorePath=%s\nenableElectUncleanMaster=false\nnotifyBrokerRoleChanged=true\nbindAddress=127.0.0.1\n' \
    "$CTL" "$A/ctl" > "$A/controller.conf"
  for n in 0 1; do
    port=$((30911 + 10 * n))
    printf 'brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerId=-1\nbrokerRole=SLAVE\nenableControllerMode=true\ncontrollerAddr=%s\nnamesrvAddr=%s\nallAckInSyncStateSet=%s\nbrokerIP1=127.0.0.1\nbrokerIP2=127.0.0.1\nlistenPort=%s\nhaListenPort=%s\nstorePathRootDir=%s\nstorePathCommitLog=%s\n' \
      "$CTL" "$NS" "$ALLACK" "$port" "$((port + 1))" "$A/b$n/store" "$A/b$n/store/commitlog" > "$A/broker-n$n.conf"
  done
  APACHE_SYS="-Drocketmq.home.dir=$WORK/apache-home"
  $BENCH --label "Apache RocketMQ 5.3.1 (allAckInSyncStateSet=$ALLACK)" --work "$A" --namesrv $NS \
    --kills "$KILLS" --out "$OUT" \
    --namesrv-cmd "exec java -Xmx256m -Duser.home=$A/ns $APACHE_SYS -cp '$A49' \
org.apache.rocketmq.namesrv.NamesrvStartup -c $A/ns.properties" \
    --controller-cmd "exec java $OPENS -Xmx256m -Duser.home=$A/ctlhome $APACHE_SYS -cp '$A53' \
org.apache.rocketmq.controller.ControllerStartup -c $A/controller.conf" \
    --broker-cmd "exec java $OPENS $JVM -Duser.home=$A/b0 $APACHE_SYS -cp '$A53' \
org.apache.rocketmq.broker.BrokerStartup -c $A/broker-n0.conf" \
      "exec java $OPENS $JVM -Duser.home=$A/b1 $APACHE_SYS -cp '$A53' \
org.apache.rocketmq.broker.BrokerStartup -c $A/broker-n1.conf" \
    --broker-addr 127.0.0.1:30911 127.0.0.1:30921
done
cat "$OUT"
