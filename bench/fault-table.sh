#!/bin/sh
# Runs the fault suite (every test of io.tidemq.it.fault, and the failover tests that kill, freeze or cut off
# masters and controllers) and writes the table of
# docs/reliability.md from what the tests recorded (integration-tests/target/fault-report.tsv, one row per passed
# fault: see FaultReport). A failing test records no row and fails the run. Takes about 8 minutes.
# Usage: bench/fault-table.sh [KILLS]   (KILLS: failovers of the kill test, default 10)
set -e
cd "$(dirname "$0")/.."
KILLS=${1:-10}
mvn -B -q -DskipTests install -pl integration-tests -am
rm -f integration-tests/target/fault-report.tsv
mvn -B verify -pl integration-tests -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='io.tidemq.it.fault.*IT,MasterKilledUnderLoadFailsOverIT,MasterPausedIsFencedIT,MasterPartitionedIsFencedIT,MasterCutOffFrom*IT,ControllerLeaderKilledDuringFailoverIT,SecondFailoverBeforeTheOldMasterRejoinsIT' \
  -Dtidemq.it.kills="$KILLS"
table=$(mktemp)
{
  echo "| fault | test | what the client saw | acknowledged | acknowledged lost | unavailable | resources at peak |"
  echo "|---|---|---|---|---|---|---|"
  sort integration-tests/target/fault-report.tsv | awk -F'\t' '{ printf "| %s | `%s` | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }'
} > "$table"
awk -v table="$table" '
  /<!-- fault-table:begin/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- fault-table:end/ { skip = 0 }
  !skip { print }' docs/reliability.md > docs/reliability.md.new
mv docs/reliability.md.new docs/reliability.md
rm -f "$table"
echo "docs/reliability.md: $(wc -l < integration-tests/target/fault-report.tsv) rows"
