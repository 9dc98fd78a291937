#!/bin/sh
# Shared launcher of TideMQ servers and tools, used by mqnamesrv, mqbroker, mqadmin, ...:
#
#   runserver.sh "<default JVM options>" <main class> [arguments...]
#
# Environment:
#   ROCKETMQ_HOME  installation folder (bin/ conf/ lib/); default: the folder above this script
#   JAVA_HOME      Java 17+ installation; default: the java found on the PATH
#   JAVA_OPT       JVM options (as in Apache's scripts), given before JAVA_OPT_EXT
#   JAVA_OPT_EXT   more JVM options, last, so they win (e.g. "-XX:+UseG1GC -Xms4g -Xmx4g")
#   TIDEMQ_CLASSPATH_EXT  class path entries after lib/* (the tools scripts add lib/tools/*)
#
# The defaults are small (a broker runs in a 256 MB heap). An option of JAVA_OPT or JAVA_OPT_EXT replaces the
# default of its kind instead of being added to it: a collector (-XX:+Use...GC) replaces the default collector, a
# heap size (-Xmx, -XX:MaxHeapSize) replaces both default heap sizes (-Xms and -Xmx), -Xms replaces the default
# -Xms, and -XX:MaxDirectMemorySize its default. That is how a production broker is sized (see the README).
#
# lib/tidemq.jsa, written when the distribution is built, is a class-data-sharing archive of the classes a server
# loads at boot; using it skips their parsing and verification. A JVM that cannot use it (another Java build, a
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
  JAVA=$(command -v java)
else
  echo "ERROR: java not found; TideMQ needs Java 17 or newer: set JAVA_HOME to such an installation" >&2
  exit 1
fi

# The Java version, from the installation's release file (no extra JVM start at boot); "java -version" only when
# the installation has none.
java_major() {
  real=$(readlink -f "$1" 2>/dev/null || echo "$1")
  release="$(dirname "$(dirname "$real")")/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release")
  else
    v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$v" in
    1.*) echo "$v" | cut -d. -f2 ;;
    *) echo "$v" | cut -d. -f1 | cut -d- -f1 | cut -d+ -f1 ;;
  esac
}
JAVA_MAJOR=$(java_major "$JAVA")
case "$JAVA_MAJOR" in
  ''|*[!0-9]*)
    echo "ERROR: cannot tell the version of $JAVA; TideMQ needs Java 17 or newer (set JAVA_HOME)" >&2
    exit 1 ;;
esac
if [ "$JAVA_MAJOR" -lt 17 ]; then
  echo "ERROR: $JAVA is Java $JAVA_MAJOR; TideMQ needs Java 17 or newer: set JAVA_HOME to such an installation" >&2
  exit 1
fi

# Which kinds of options the operator gave; the defaults of those kinds are left out.
USER_OPTS="$JAVA_OPT $JAVA_OPT_EXT"
HAS_GC= HAS_XMX= HAS_XMS= HAS_DIRECT=
for opt in $USER_OPTS; do
  case "$opt" in
    -XX:+Use*GC) HAS_GC=1 ;;
    -Xmx*|-XX:MaxHeapSize=*) HAS_XMX=1 ;;
    -Xms*|-XX:InitialHeapSize=*) HAS_XMS=1 ;;
    -XX:MaxDirectMemorySize=*) HAS_DIRECT=1 ;;
  esac
done
JVM_OPTS=
for opt in $DEFAULT_JVM_OPTS; do
  case "$opt" in
    -XX:+Use*GC) [ -n "$HAS_GC" ] && continue ;;
    -Xmx*) [ -n "$HAS_XMX" ] && continue ;;
    -Xms*) [ -n "$HAS_XMX$HAS_XMS" ] && continue ;;
    -XX:MaxDirectMemorySize=*) [ -n "$HAS_DIRECT" ] && continue ;;
  esac
  JVM_OPTS="$JVM_OPTS $opt"
done

CDS_OPTS=""
if [ -f "$ROCKETMQ_HOME/lib/tidemq.jsa" ]; then
  CDS_OPTS="-XX:SharedArchiveFile=$ROCKETMQ_HOME/lib/tidemq.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
CLASSPATH="$ROCKETMQ_HOME/lib/*"
if [ -n "$TIDEMQ_CLASSPATH_EXT" ]; then
  CLASSPATH="$CLASSPATH:$TIDEMQ_CLASSPATH_EXT"
fi

# JVM_OPTS, CDS_OPTS, JAVA_OPT and JAVA_OPT_EXT are deliberately unquoted: each holds several options.
# The archive was written for the class path lib/*, so lib/* comes first and conf/ last.
exec "$JAVA" -server $JVM_OPTS -XX:-OmitStackTraceInFastThrow $CDS_OPTS \
  "-Drocketmq.home.dir=$ROCKETMQ_HOME" \
  $JAVA_OPT $JAVA_OPT_EXT \
  -cp "$CLASSPATH:$ROCKETMQ_HOME/conf" \
  "$MAIN_CLASS" "$@"
