#!/bin/sh
# Shared launcher of TideMQ servers, used by mqnamesrv and mqbroker:
#
#   runserver.sh "<default JVM options>" <main class> [arguments...]
#
# Environment:
#   ROCKETMQ_HOME  installation folder (bin/ conf/ lib/); default: the folder above this script
#   JAVA_HOME      Java 17+ installation; default: the java found on the PATH
#   JAVA_OPT_EXT   extra JVM options, appended last so they override the defaults (e.g. "-Xmx1g")
#   TIDEMQ_CLASSPATH_EXT  class path entries after lib/* (the tools scripts add lib/tools/*)
#
# lib/tidemq.jsa, written when the distribution is built, is a class-data-sharing archive of the classes a server
# loads at boot; using it skips their parsing and verification. A JVM that cannot use it (another Java build, or a
# moved installation) silently runs without it.
#
# The server runs in the foreground and this shell is replaced by the JVM (exec), so the PID of the
# process that started the script is the PID of the server.

if [ $# -lt 2 ]; then
  echo "usage: runserver.sh \"<default JVM options>\" <main class> [arguments...]" >&2
  exit 1
fi
DEFAULT_JVM_OPTS=$1
MAIN_CLASS=$2
shift 2

if [ -z "$ROCKETMQ_HOME" ]; then
  ROCKETMQ_HOME=$(cd "$(dirname "$0")/.." && pwd)
fi
export ROCKETMQ_HOME
if [ ! -d "$ROCKETMQ_HOME/lib" ]; then
  echo "ERROR: $ROCKETMQ_HOME/lib does not exist; set ROCKETMQ_HOME to the TideMQ installation folder" >&2
  exit 1
fi

if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA=java
else
  echo "ERROR: java not found; set JAVA_HOME to a Java 17 (or newer) installation" >&2
  exit 1
fi

CDS_OPTS=""
if [ -f "$ROCKETMQ_HOME/lib/tidemq.jsa" ]; then
  CDS_OPTS="-XX:SharedArchiveFile=$ROCKETMQ_HOME/lib/tidemq.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
CLASSPATH="$ROCKETMQ_HOME/lib/*"
if [ -n "$TIDEMQ_CLASSPATH_EXT" ]; then
  CLASSPATH="$CLASSPATH:$TIDEMQ_CLASSPATH_EXT"
fi

# DEFAULT_JVM_OPTS, CDS_OPTS and JAVA_OPT_EXT are deliberately unquoted: each holds several options.
# The archive was written for the class path lib/*, so lib/* comes first and conf/ last.
exec "$JAVA" -server $DEFAULT_JVM_OPTS -XX:-OmitStackTraceInFastThrow $CDS_OPTS \
  "-Drocketmq.home.dir=$ROCKETMQ_HOME" \
  $JAVA_OPT_EXT \
  -cp "$CLASSPATH:$ROCKETMQ_HOME/conf" \
  "$MAIN_CLASS" "$@"
