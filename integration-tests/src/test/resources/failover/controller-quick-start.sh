#!/bin/sh
# Runs the failover quick start of docs/failover.md against the packaged distribution, with the shipped files and
# their own addresses and ports (127.0.0.1:9876 and :9878, brokers on 30911 and 30921):
#   nohup sh mqnamesrv -c ../conf/controller/quick-start/namesrv.conf &
#   nohup sh mqbroker -c ../conf/controller/quick-start/broker-n0.conf &
#   nohup sh mqbroker -c ../conf/controller/quick-start/broker-n1.conf &
# then QuickStartFailoverCheck (the official 4.9.3 client) sends, kills the master, sends again and consumes.
#
# Meant to run inside fresh PID, mount and network namespaces (unshare --pid --net --mount-proc ...): the fixed
# ports exist only inside the test, and the files' store folders (/tmp/rmqstore/...) are a tmpfs mounted here.
# Environment: DIST, WORK, JAVA, TEST_CP. Results go to files under $WORK.
set -u
ip link set lo up
mkdir -p /tmp/rmqstore && mount -t tmpfs tmpfs /tmp/rmqstore

cd "$DIST/bin" || exit 2

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

JAVA_OPT_EXT="-Duser.home=$WORK/ns" nohup sh mqnamesrv -c ../conf/controller/quick-start/namesrv.conf \
  > "$WORK/namesrv.nohup" 2>&1 &
NS_PID=$!
wait_for "$WORK/namesrv.nohup" "The Name Server boot success" $NS_PID

JAVA_OPT_EXT="-Duser.home=$WORK/n0" nohup sh mqbroker -c ../conf/controller/quick-start/broker-n0.conf \
  > "$WORK/n0.nohup" 2>&1 &
N0_PID=$!
JAVA_OPT_EXT="-Duser.home=$WORK/n1" nohup sh mqbroker -c ../conf/controller/quick-start/broker-n1.conf \
  > "$WORK/n1.nohup" 2>&1 &
N1_PID=$!
wait_for "$WORK/n0.nohup" "boot success" $N0_PID
wait_for "$WORK/n1.nohup" "boot success" $N1_PID

"$JAVA" -Xmx256m "-Duser.home=$WORK/client" -cp "$TEST_CP" io.tidemq.it.failover.QuickStartFailoverCheck \
  127.0.0.1:9876 "127.0.0.1:30911=$N0_PID,127.0.0.1:30921=$N1_PID" > "$WORK/check.out" 2>&1
echo $? > "$WORK/check.exit"

sh mqshutdown broker > /dev/null 2>&1
sh mqshutdown namesrv > /dev/null 2>&1
wait
umount /tmp/rmqstore && rmdir /tmp/rmqstore 2>/dev/null
exit 0
