#!/usr/bin/env bash
# Search benchmark (not a test): Kennisbank's client index against Pagefind
# 1.6 on the same built HTML, on the bundled site and on synthetic sites.
#
#   bench/search.sh                      # bundled, 10000 and 100000 documents
#   SIZES="bundled 10000" bench/search.sh
#   BUNDLED_ROOT=/path/to/site bench/search.sh   # another site as "bundled"
#
# Needs cargo, python3, node and npm (Pagefind is installed from the npm
# registry into the work folder; its binary ships inside the npm package).
# Writes one JSON line per engine and size to $WORK/results.jsonl and prints
# a Markdown table (the one in BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${WORK:-/tmp/kennisbank-bench}
SIZES=${SIZES:-"bundled 10000 100000"}
BUNDLED_ROOT=${BUNDLED_ROOT:-$REPO}
mkdir -p "$WORK"

cargo build --release --quiet
KB=$REPO/target/release/kennisbank
if [ ! -x "$WORK/npm/node_modules/.bin/pagefind" ]; then
  npm install --prefix "$WORK/npm" --no-audit --no-fund --silent pagefind@1.6.0
fi
PAGEFIND=$WORK/npm/node_modules/.bin/pagefind

now() { date +%s.%N; }
RESULTS=$WORK/results.jsonl
: > "$RESULTS"
for size in $SIZES; do
  site=$WORK/site-$size
  rm -rf "$site"
  if [ "$size" = bundled ]; then
    mkdir -p "$site"
    cp -r "$BUNDLED_ROOT/site.toml" "$BUNDLED_ROOT/content" "$site/"
    cp -r "$REPO/themes" "$site/"
    queries=$REPO/tests/search/judged.json
  else
    python3 bench/synth.py "$size" "$site"
    # The judged queries without their judgements: the synthetic text is
    # drawn from the bundled content, so they find things there too.
    queries=$WORK/queries.json
    python3 -c "import json,sys; json.dump([{'query': q['query']} for q in json.load(open('$REPO/tests/search/judged.json'))], open('$queries','w'))"
  fi
  docs=$(find "$site/content" -name '*.md' | wc -l)

  start=$(now)
  build_log=$("$KB" build --root "$site" 2>&1 | tail -1)
  build_s=$(printf "%.3f" "$(echo "$(now) - $start" | bc)")
  index_ms=$(echo "$build_log" | sed -n 's/.*search index: \([0-9]*\) ms.*/\1/p')
  kb_bytes=$(du -sb "$site/public/search" | cut -f1)
  kb_files=$(find "$site/public/search" -type f | wc -l)

  start=$(now)
  "$PAGEFIND" --site "$site/public" --output-subdir pagefind >/dev/null
  pf_s=$(printf "%.3f" "$(echo "$(now) - $start" | bc)")
  pf_bytes=$(du -sb "$site/public/pagefind" | cut -f1)
  pf_files=$(find "$site/public/pagefind" -type f | wc -l)

  kb=$(node bench/client-bench.mjs kennisbank "$site/public" "$queries")
  pf=$(node bench/client-bench.mjs pagefind "$site/public" "$queries" "$site/public/pagefind/pagefind.js")
  echo "{\"size\":\"$size\",\"documents\":$docs,\"build_s\":$build_s,\"index_ms\":${index_ms:-0},\"bytes\":$kb_bytes,\"files\":$kb_files,\"client\":$kb}" >> "$RESULTS"
  echo "{\"size\":\"$size\",\"documents\":$docs,\"build_s\":$pf_s,\"index_ms\":null,\"bytes\":$pf_bytes,\"files\":$pf_files,\"client\":$pf}" >> "$RESULTS"
  echo "done: $size ($docs documents)" >&2
done

python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| site | engine | index build | client index on disk | first query: requests / bytes (gzip) | next query: requests / bytes (gzip) | latency, next query (median) | latency, loaded (median) | MRR@10 | recall@10 |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    c = r["client"]
    build = f'{r["build_s"]:.1f} s' + (f' (search {r["index_ms"]/1000:.1f} s)' if r["index_ms"] else "")
    mb = r["bytes"] / 1e6
    q = lambda x: f'{x["requests"]:.1f} / {x["gzip"]/1024:.1f} KiB'
    metric = lambda k: "—" if c[k] is None else f"{c[k]:.3f}"
    print(f'| {r["size"]} ({r["documents"]} docs) | {c["engine"]} | {build} | {mb:.1f} MB in {r["files"]} files | {q(c["first"])} | {q(c["next"])} | {c["latency_ms_next_median"]:.1f} ms | {c["latency_ms_warm_median"]:.1f} ms | {metric("mrr10")} | {metric("recall10")} |')
PY
