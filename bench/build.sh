#!/usr/bin/env bash
# Build benchmark: generates synthetic sites of N documents from the schema of
# tests/fixtures/compare (municipalities, factsheets, stories, themes) and times
# `kennisbank check` and `kennisbank build` on each. Prints one line per size.
# Usage: bench/build.sh [SIZES...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin="$PWD/target/release/kennisbank"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-10s %-10s %-10s %-12s %-10s\n' documents check_s build_s output_MiB max_RSS_MiB
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  mkdir -p "$site/themes"
  cp tests/fixtures/compare/site.toml "$site/"
  cp -r themes/default "$site/themes/"
  python3 - "$site" "$n" <<'PY'
import os, sys, random
site, n = sys.argv[1], int(sys.argv[2])
random.seed(42)
c = os.path.join(site, "content")
for d in ["gemeenten", "factsheets", "verhalen", "themas", "meetronden"]:
    os.makedirs(os.path.join(c, d), exist_ok=True)
words = ("wijkteam toegang eigen kracht samenwerking jeugd vrijwilligers regie preventie "
         "buurt gemeente zorg welzijn participatie professional netwerk keukentafel").split()
def text(k):
    return " ".join(random.choice(words) for _ in range(k))
themes = max(5, n // 500)
munis = max(10, n // 20)
for t in range(themes):
    open(f"{c}/themas/thema-{t}.md", "w").write(f"---\ntitle: \"Thema {t}\"\n---\n\n{text(40)}\n")
for g in range(munis):
    open(f"{c}/gemeenten/gemeente-{g}.md", "w").write(f"---\ntitle: \"Gemeente {g}\"\n---\n\n{text(60)}\n")
rest = n - themes - munis
facts = rest // 2
for i in range(facts):
    g, year = i % munis, 2013 + i // munis
    open(f"{c}/factsheets/fs-{i}.md", "w").write(
        f"---\ntitle: \"Gemeente {g} {year}\"\ngemeente: gemeente-{g}\nmeting: {year}\npeildatum: \"{year}\"\n"
        f"aantal_teams: {random.randint(1, 30)}\nfase: {random.choice(['experiment', 'uitrol', 'onbekend'])}\n"
        f"deelnemers: [amw]\nkv_sturing: {random.randint(1, 5)}\nthemas: [thema-{i % themes}]\n---\n\n"
        f"## Stand van zaken\n\n{text(120)}\n\n## Deelnemers\n\n{text(80)} [[gemeente-{g}]]\n")
for i in range(rest - facts):
    open(f"{c}/verhalen/verhaal-{i}.md", "w").write(
        f"---\ntitle: \"Verhaal {i}\"\ngemeente: gemeente-{i % munis}\n---\n\n## Aanpak\n\n{text(200)}\n\n"
        f"## Wat we leerden\n\n{text(150)} [[thema-{i % themes}]]\n")
PY
  /usr/bin/time -o "$work/t" -f '%e' "$bin" check --root "$site" >/dev/null 2>&1
  check=$(cat "$work/t")
  /usr/bin/time -o "$work/t" -f '%e %M' "$bin" build --root "$site" >/dev/null 2>&1
  build=$(cat "$work/t")
  size=$(du -sm "$site/public" | cut -f1)
  printf '%-10s %-10s %-10s %-12s %-10s\n' "$n" "$check" "${build% *}" "$size" "$(( ${build#* } / 1024 ))"
  [ -n "${KEEP:-}" ] || rm -rf "$site"
done
