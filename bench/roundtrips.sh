#!/usr/bin/env bash
# What a search costs a visitor (not a test): builds the bundled site and a
# synthetic one of 10,000 documents (bench/synth.py), runs Pagefind 1.6 on the
# same HTML, and measures both in Chromium over HTTP/1.1 with 50 ms added to
# every request (bench/roundtrips.mjs). Prints the Markdown table that goes
# into BENCHMARKS.md.
#
#   bench/roundtrips.sh
#   SIZES="bundled" LATENCY_MS=100 bench/roundtrips.sh
#   KB_BIN=target/debug/kennisbank bench/roundtrips.sh   # skip the release build
#
# Needs cargo, python3, node with the repository's node_modules (playwright-
# core), Debian's Chromium, and npm to install Pagefind into the work folder
# (its binary ships inside the npm package). Without Pagefind the table has
# Kennisbank's rows only and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${WORK:-/tmp/kennisbank-roundtrips}
SIZES=${SIZES:-"bundled 10000"}
mkdir -p "$WORK"

if [ -z "${KB_BIN:-}" ]; then
  cargo build --release --quiet
  KB_BIN=$REPO/target/release/kennisbank
fi
PAGEFIND=$WORK/npm/node_modules/.bin/pagefind
if [ ! -x "$PAGEFIND" ]; then
  npm install --prefix "$WORK/npm" --no-audit --no-fund --silent pagefind@1.6.0 || echo "Pagefind could not be installed: measuring Kennisbank only" >&2
fi

: > "$WORK/rows.md"
for size in $SIZES; do
  site=$WORK/site-$size
  rm -rf "$site"
  if [ "$size" = bundled ]; then
    mkdir -p "$site"
    cp -r "$REPO/site.toml" "$REPO/content" "$REPO/themes" "$site/"
  else
    python3 bench/synth.py "$size" "$site" >/dev/null
    rm -rf "$site/themes"
    cp -r "$REPO/themes" "$site/"
  fi
  "$KB_BIN" build --root "$site" >/dev/null
  if [ -x "$PAGEFIND" ]; then
    "$PAGEFIND" --site "$site/public" --output-subdir pagefind >/dev/null
  fi
  node bench/roundtrips.mjs "$site/public" "$size" > "$WORK/$size.jsonl" 2> "$WORK/$size.md"
  grep '^| [^s-]' "$WORK/$size.md" >> "$WORK/rows.md" || true
  echo "done: $size" >&2
done

echo "| site | what | requests | gzip KiB | round trips | ms to results |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
cat "$WORK/rows.md"
