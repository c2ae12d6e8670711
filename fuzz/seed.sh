#!/usr/bin/env bash
# Seeds the fuzzer's corpus with every example model and test fixture (corpus/ is not
# committed: libFuzzer grows it). Run from anywhere; idempotent.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/pipeline
n=0
while IFS= read -r -d '' model; do
  name=$(echo "$model" | tr '/' '_')
  cp "$model" "corpus/pipeline/seed_${name#.._}"
  n=$((n + 1))
done < <(find ../examples ../crates/cpsrisk-cli/tests/fixtures ../crates/cpsrisk-model/src \
  -name '*.yaml' ! -name 'expected.yaml' -print0)
echo "seeded corpus/pipeline with $n models"
