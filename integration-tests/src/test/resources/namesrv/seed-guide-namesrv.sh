#!/bin/sh
# Runs the NameServer part of the user's deployment guide against the packaged distribution, exactly as written
# there ("cd bin; nohup sh mqnamesrv -n 192.168.1.219:9876 &", then "tail ~/logs/rocketmqlogs/namesrv.log"),
# then stops it with "sh mqshutdown namesrv".
#
# Meant to run inside fresh PID and network namespaces (unshare --pid --net ...): port 9876 is then free, and
# mqshutdown can only see the NameServer started here. Results are written to files under $WORK.
#
# Environment: DIST (distribution folder), WORK (scratch folder, used as user.home), JAVA, TEST_CP (class path
# with the official rocketmq-tools for mqadmin), TOOLS_HOME (folder with conf/logback_tools.xml).
set -u
ip link set lo up

cd "$DIST/bin" || exit 2
export JAVA_OPT_EXT="-Duser.home=$WORK"

# the command line every NameServer machine of the guide runs
nohup sh mqnamesrv -n 192.168.1.219:9876 > "$WORK/nohup.out" 2>&1 &
NS_PID=$!

i=0
until grep -q "The Name Server boot success" "$WORK/logs/rocketmqlogs/namesrv.log" 2>/dev/null; do
  i=$((i + 1))
  if [ "$i" -gt 600 ] || ! kill -0 "$NS_PID" 2>/dev/null; then
    echo "boot timeout or early exit" > "$WORK/boot.failed"
    break
  fi
  sleep 0.1
done

# the official mqadmin asks the NameServer on the default port for its settings
"$JAVA" -Xmx128m "-Duser.home=$WORK" "-Drocketmq.home.dir=$TOOLS_HOME" -cp "$TEST_CP" \
  org.apache.rocketmq.tools.command.MQAdminStartup getNamesrvConfig -n 127.0.0.1:9876 > "$WORK/mqadmin.out" 2>&1
echo $? > "$WORK/mqadmin.exit"

sh mqshutdown namesrv > "$WORK/shutdown.out" 2>&1
echo $? > "$WORK/shutdown.exit"
wait "$NS_PID"
echo $? > "$WORK/namesrv.exit"

sh mqshutdown namesrv > "$WORK/shutdown-again.out" 2>&1
echo $? > "$WORK/shutdown-again.exit"
