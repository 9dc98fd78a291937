#!/bin/sh
# Coverage-guided fuzzing (Jazzer) of the decoders that read bytes from the network: frames, JSON and ROCKETMQ
# headers, request header fields, property strings, batch bodies, stored records, the NameServer's register body.
# Each round fuzzes every target for its maxDuration (20 s) in a JVM of its own; the corpus grows in
# fuzz/.cifuzz-corpus across rounds, so ROUNDS rounds fuzz each target ROUNDS x 20 s. A finding is written as
# fuzz/src/test/resources/.../crash-<sha1>, fails the round, and is replayed by every later `mvn test` until fixed.
# Case counts per round: fuzz/target/fuzz-cases.tsv (target, mode, inputs run, seconds).
# Usage: bench/fuzz.sh [ROUNDS]      bench/fuzz.sh --seeds   (rewrites the seed inputs, then exits)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl fuzz -am
if [ "$1" = "--seeds" ]; then
  mvn -B -q -pl fuzz test-compile dependency:build-classpath -Dmdep.outputFile=target/fuzz.cp
  java -cp "fuzz/target/test-classes:$(cat fuzz/target/fuzz.cp)" io.tidemq.fuzz.SeedInputs fuzz/src/test/resources
  exit 0
fi
ROUNDS=${1:-1}
rm -f fuzz/target/fuzz-cases.tsv
i=1
while [ "$i" -le "$ROUNDS" ]; do
  mvn -B -q test -pl fuzz -Djazzer.fuzz=1
  i=$((i + 1))
done
# sum of every round, per target
awk -F'\t' '$2 == "fuzzing" { n[$1] += $3; s[$1] += $4 } END { for (t in n) printf "%-24s %12d inputs %6d s\n", t, n[t], s[t] }' \
  fuzz/target/fuzz-cases.tsv | sort
