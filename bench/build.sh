#!/usr/bin/env bash
# Build benchmark (not a test): the whole `kennisbank build` (pages and search)
# on synthetic sites from bench/synth.py, with peak memory, and Hugo and
# Pagefind on the same documents in the same run when they are installed.
#
#   bench/build.sh                  # 1000 10000 100000 documents
#   bench/build.sh 1000 10000       # some sizes
#   RUNS=3 bench/build.sh 10000     # runs per size, interleaved (default 3)
#
# Peak memory is `/usr/bin/time -f %M` (maximum resident set size); times are
# the median of the runs. Per document: build time / documents and peak RSS /
# documents, so growth with the size of the site shows. Hugo (Debian's `hugo`)
# builds the same Markdown with minimal layouts and no search; Pagefind
# (`pagefind` on PATH, or PAGEFIND=/path/to/pagefind) indexes Kennisbank's
# HTML. Either missing is said in the output, not silently skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
cargo build --release --quiet
KB=$REPO/target/release/kennisbank
RUNS=${RUNS:-3}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

HUGO=$(command -v hugo || true)
PAGEFIND=${PAGEFIND:-$(command -v pagefind || true)}
[ -n "$HUGO" ] || echo "hugo not installed: no Hugo column (apt-get install hugo)" >&2
[ -n "$PAGEFIND" ] || echo "pagefind not installed: no Pagefind column (npm install -g pagefind)" >&2

# `measure OUT CMD...`: runs CMD, appends "seconds peak_KiB" to OUT.
measure() {
  local out=$1
  shift
  /usr/bin/time -o "$work/t" -f '%e %M' "$@" >/dev/null 2>"$work/err" || {
    cat "$work/err" >&2
    return 1
  }
  tail -1 "$work/t" >>"$out"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
max() { sort -n | tail -1; }

# A Hugo site over the same Markdown: minimal layouts, no taxonomies or search.
hugo_site() {
  local site=$1 dir=$2
  mkdir -p "$dir/layouts/_default"
  ln -s "$site/content" "$dir/content"
  cat >"$dir/hugo.toml" <<'TOML'
baseURL = "https://synth.example/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
TOML
  cat >"$dir/layouts/_default/baseof.html" <<'HTML'
<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
  cat >"$dir/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
HTML
  cat >"$dir/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
}

printf '| documents | check s | build s | peak RSS MiB | ms / doc | KiB RSS / doc | output MiB | hugo s | hugo RSS MiB | pagefind s | pagefind RSS MiB |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for n in "${sizes[@]}"; do
  site=$work/site-$n
  python3 bench/synth.py "$n" "$site"
  docs=$(find "$site/content" -name '*.md' | wc -l)
  [ -z "$HUGO" ] || hugo_site "$site" "$work/hugo-$n"
  : >"$work/check" && : >"$work/kb" && : >"$work/hugo" && : >"$work/pf"
  measure "$work/check" "$KB" check --root "$site"
  # Interleaved: one run of each tool per round.
  for _ in $(seq "$RUNS"); do
    measure "$work/kb" "$KB" build --root "$site"
    [ -z "$HUGO" ] || measure "$work/hugo" "$HUGO" --quiet -s "$work/hugo-$n" -d "$work/hugo-$n/public"
    if [ -n "$PAGEFIND" ]; then
      rm -rf "$site/public/pagefind"
      measure "$work/pf" "$PAGEFIND" --site "$site/public" --output-subdir pagefind
      rm -rf "$site/public/pagefind"
    fi
  done
  check_s=$(cut -d' ' -f1 "$work/check")
  build_s=$(cut -d' ' -f1 "$work/kb" | median)
  peak_kib=$(cut -d' ' -f2 "$work/kb" | max)
  size=$(du -sm "$site/public" | cut -f1)
  col() { # FILE -> "median_s peak_MiB" or "— —"
    if [ -s "$1" ]; then
      echo "$(cut -d' ' -f1 "$1" | median) $(($(cut -d' ' -f2 "$1" | max) / 1024))"
    else
      echo "— —"
    fi
  }
  read -r hugo_s hugo_mib <<<"$(col "$work/hugo")"
  read -r pf_s pf_mib <<<"$(col "$work/pf")"
  printf '| %s | %s | %s | %s | %.2f | %.1f | %s | %s | %s | %s | %s |\n' \
    "$docs" "$check_s" "$build_s" "$((peak_kib / 1024))" \
    "$(echo "$build_s * 1000 / $docs" | bc -l)" "$(echo "$peak_kib / $docs" | bc -l)" \
    "$size" "$hugo_s" "$hugo_mib" "$pf_s" "$pf_mib"
  [ -n "${KEEP:-}" ] || rm -rf "$site" "$work/hugo-$n"
done
