#!/bin/sh
# Runs mode 1 of the user's deployment guide against the packaged distribution, with the guide's own addresses:
# "nohup sh mqnamesrv -n 192.168.1.219:9876 &" and "nohup sh mqbroker -n 192.168.1.219:9876
# -c ../conf/2m-noslave/broker-a.properties autoCreateTopicEnable=true &", then checks the cluster with the official
# mqadmin, sends a message, and stops both with mqshutdown.
#
# Meant to run inside fresh PID and network namespaces (unshare --pid --net ...): 192.168.1.219 is put on the
# namespace's own loopback device, so it exists only inside this test. Results go to files under $WORK.
#
# Environment: DIST, WORK (scratch folder, used as user.home), JAVA, TEST_CP (class path with rocketmq-tools),
# TOOLS_HOME (folder with conf/logback_tools.xml).
set -u
ip link set lo up
ip addr add 192.168.1.219/32 dev lo

cd "$DIST/bin" || exit 2
export JAVA_OPT_EXT="-Duser.home=$WORK"

wait_for() { # file pattern pid
  i=0
  until grep -q "$2" "$1" 2>/dev/null; do
    i=$((i + 1))
    if [ "$i" -gt 600 ] || ! kill -0 "$3" 2>/dev/null; then
      echo "timeout or early exit waiting for '$2' in $1" >> "$WORK/boot.failed"
      return 1
    fi
    sleep 0.1
  done
}

nohup sh mqnamesrv -n 192.168.1.219:9876 > "$WORK/namesrv.nohup" 2>&1 &
NS_PID=$!
wait_for "$WORK/logs/rocketmqlogs/namesrv.log" "The Name Server boot success" $NS_PID

nohup sh mqbroker -n 192.168.1.219:9876 -c ../conf/2m-noslave/broker-a.properties autoCreateTopicEnable=true \
  > "$WORK/broker.nohup" 2>&1 &
BROKER_PID=$!
wait_for "$WORK/logs/rocketmqlogs/broker.log" "boot success" $BROKER_PID

admin() {
  "$JAVA" -Xmx128m "-Duser.home=$WORK" "-Drocketmq.home.dir=$TOOLS_HOME" -cp "$TEST_CP" \
    org.apache.rocketmq.tools.command.MQAdminStartup "$@" -n 192.168.1.219:9876
}
# the broker registers within a moment of booting
i=0
until admin clusterList > "$WORK/clusterList.out" 2>&1 && grep -q broker-a "$WORK/clusterList.out"; do
  i=$((i + 1)); [ "$i" -gt 30 ] && break; sleep 0.5
done
admin sendMessage -t GuideTopic -p "hello from the guide" > "$WORK/sendMessage.out" 2>&1
echo $? > "$WORK/sendMessage.exit"
admin topicStatus -t GuideTopic > "$WORK/topicStatus.out" 2>&1

sh mqshutdown broker > "$WORK/shutdown-broker.out" 2>&1
echo $? > "$WORK/shutdown-broker.exit"
wait "$BROKER_PID"
echo $? > "$WORK/broker.exit"
sh mqshutdown namesrv > "$WORK/shutdown-namesrv.out" 2>&1
wait "$NS_PID"
ls "$WORK/store" > "$WORK/store.ls" 2>&1
