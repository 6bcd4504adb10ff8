#!/usr/bin/env bash
# After a training stint: export the bundle from the committed weights, measure it on Kodak, and
# bring everything that depends on the bundle's hash up to date (fuzz seeds, conformance suite).
#
#   training/publish-bundle.sh [--ema]      # --ema: export the moving average of the weights
#
# Then: ./lic4j eval ../shared/data/eval/kodak --jobs 2 --out target/eval-kodak --publish docs/results.md,
# java -jar eval/target/lic4j-eval.jar bench --kodak --threads 2 (quiet machine), and the Kodak table
# in docs/training-log.md from docs/kodak-lic-image-v1.json and the soft-scales figures printed here.
set -euo pipefail
cd "$(dirname "$0")/.."
ema=()
if [[ "${1:-}" == "--ema" ]]; then ema=(--ema); fi
weights=training/checkpoints/lic-image-v1.pt
source training/env.sh
mkdir -p target
/usr/bin/python3 -m training.export --weights "$weights" "${ema[@]}" --out models/lic-image-v1
# The masses behind the new tables, for the Java quantiser's cross test (ShippedTablesCrossTest).
/usr/bin/python3 -m training.cdf_golden --weights "$weights" "${ema[@]}"
/usr/bin/python3 -m training.evaluate --weights "$weights" "${ema[@]}" --integer --json docs/kodak-lic-image-v1.json \
    | tee target/kodak-integer.txt
/usr/bin/python3 -m training.evaluate --weights "$weights" "${ema[@]}" --soft-scales | tee target/kodak-soft.txt
mvn -B -q install -DskipTests
java -jar tools/target/lic4j.jar conform --generate conformance/streams --force
mvn -B -q -pl bitstream test -Dtest=ContainerReaderFuzzTest -Dlic4j.regenerateSeeds=true
mvn -B -q -pl codec test -Dtest=ImageDecoderFuzzTest -Dlic4j.regenerateSeeds=true
java -jar tools/target/lic4j.jar conform conformance/streams
