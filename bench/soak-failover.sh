#!/bin/sh
# Longer soak of automatic failover (controller mode) on the 2m-2s topology: two NameServers, three controllers,
# groups broker-a and broker-b of two brokers each, four producer threads and a consumer reading all along; master-a
# is killed with SIGKILL at a random moment KILLS times (default 50) and restarted each time. Every SEND_OK message
# must be consumed with its body; promotion, resume and rejoin times are printed as lists (grep "failover:" in the
# output, which is under integration-tests/target/failsafe-reports). Usage: bench/soak-failover.sh [KILLS]
set -e
cd "$(dirname "$0")/.."
KILLS=${1:-50}
mvn -B -q -DskipTests install -pl integration-tests -am
exec mvn -B verify -pl integration-tests -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=MasterKilledUnderLoadFailsOverIT -Dtidemq.it.kills="$KILLS"
