#!/bin/sh
# Longer soak of synchronous double write: a SYNC_MASTER and its slave (child JVMs), a steady sender, and the master
# killed with SIGKILL at a random moment KILLS times (default 50); after every kill each message acknowledged SEND_OK
# must be consumable from the slave with the same msgId and body. Usage: bench/soak-sync-double-write.sh [KILLS]
set -e
cd "$(dirname "$0")/.."
KILLS=${1:-50}
mvn -B -q -DskipTests install -pl integration-tests -am
exec mvn -B verify -pl integration-tests -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=MasterKilledDuringSyncDoubleWriteIT -Dtidemq.it.kills="$KILLS"
