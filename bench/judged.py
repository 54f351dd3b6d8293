#!/usr/bin/env python3
"""Search quality per group on the judged set (not a test; the floor is
asserted by tests/testsuite/search_quality.rs).

    bench/judged.py [--kb target/release/kennisbank] [--root .] [--show dev] [--dump FILE]

Builds ROOT's site (into a temporary folder), runs every query of
tests/search/judged.json through `kennisbank search --json` and through the
browser client under Node (tests/search/client.js), and prints MRR@10 and
recall@10 per group and split (development, held-out) for both, as the
Markdown table kept in BENCHMARKS.md. `--show dev` also lists each
development query that misses (never the held-out ones: they stay unseen
while tuning).
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def slug(url):
    page = url.split('#')[0]
    name = page.rsplit('/', 1)[-1]
    return name[:-5] if name.endswith('.html') else name


def metrics(relevant, urls):
    top = [slug(u) for u in urls[:10]]
    rr = 0.0
    for i, s in enumerate(top):
        if s in relevant:
            rr = 1.0 / (i + 1)
            break
    recall = sum(1 for r in relevant if r in top) / len(relevant)
    return rr, recall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kb', default=os.path.join(REPO, 'target/release/kennisbank'))
    ap.add_argument('--root', default=REPO)
    ap.add_argument('--judged', default=os.path.join(REPO, 'tests/search/judged.json'))
    ap.add_argument('--show', choices=['dev'], default=None)
    ap.add_argument('--split', choices=['dev', 'heldout', 'both'], default='both',
                    help='rows to print (dev while tuning: the held-out half stays unseen)')
    ap.add_argument('--dump', default=None,
                    help='also write every query\'s CLI and client results as JSON to this file '
                         '(to show that a refactoring changed nothing: compare two dumps)')
    args = ap.parse_args()
    judged = json.load(open(args.judged))
    out = tempfile.mkdtemp(prefix='kb-judged-')
    subprocess.run([args.kb, 'build', '--root', args.root, '--output', os.path.join(out, 'public')],
                   check=True, stdout=subprocess.DEVNULL)
    cli = []
    for j in judged:
        r = subprocess.run([args.kb, 'search', j['query'], '--root', args.root, '--json'],
                           check=True, capture_output=True, text=True)
        cli.append(json.loads(r.stdout))
    queries = [{'q': j['query'], 'limit': 10} for j in judged]
    r = subprocess.run(['node', os.path.join(REPO, 'tests/search/client.js'), os.path.join(out, 'public/search')],
                       input=json.dumps(queries), check=True, capture_output=True, text=True)
    client = json.loads(r.stdout)
    if args.dump:
        with open(args.dump, 'w') as f:
            json.dump([{'query': j['query'], 'cli': c, 'client': k} for j, c, k in zip(judged, cli, client)],
                      f, indent=1, sort_keys=True, ensure_ascii=False)
    rows = collections.defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0.0, 0])
    misses = []
    for j, c, k in zip(judged, cli, client):
        cu = [x['url'] for x in c['results']]
        ku = [x['url'] for x in k['results']]
        crr, crec = metrics(j['relevant'], cu)
        krr, krec = metrics(j['relevant'], ku)
        same = [slug(u) for u in cu] == [slug(u) for u in ku] and all(
            abs(a['score'] - b['score']) <= 1e-4 for a, b in zip(c['results'], k['results']))
        for key in [(j['group'], j['split']), ('all', j['split'])]:
            row = rows[key]
            row[0] += 1
            row[1] += crr
            row[2] += crec
            row[3] += krr
            row[4] += krec
            row[5] += 0 if same else 1
        if args.show == 'dev' and j['split'] == 'dev' and (crr < 1 or crec < 1 or krr < 1 or krec < 1 or not same):
            misses.append((j, cu, ku, c.get('notes')))
    print('| group | split | queries | CLI MRR@10 | CLI recall@10 | client MRR@10 | client recall@10 | top 10 differs |')
    print('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |')
    order = ['question', 'gemeente', 'compound', 'wordform', 'synonym', 'function', 'topic', 'typo', 'all']
    for g in order:
        for split in ['dev', 'heldout']:
            if args.split != 'both' and split != args.split:
                continue
            if (g, split) not in rows:
                continue
            n, a, b, c_, d, diff = rows[(g, split)]
            print(f'| {g} | {split} | {n} | {a/n:.3f} | {b/n:.3f} | {c_/n:.3f} | {d/n:.3f} | {diff} |')
    for j, cu, ku, notes in misses:
        print(f"\n{j['group']}: {j['query']!r} -> {j['relevant']}")
        if notes:
            print('  notes:', notes)
        print('  CLI:   ', [slug(u) for u in cu])
        if [slug(u) for u in cu] != [slug(u) for u in ku]:
            print('  client:', [slug(u) for u in ku])


if __name__ == '__main__':
    sys.exit(main())
