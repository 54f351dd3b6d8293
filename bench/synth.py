#!/usr/bin/env python3
"""Writes a synthetic Kennisbank site of N documents for benchmarks.

Usage: synth.py N OUT_DIR

Sentences, titles and headings are drawn (seeded, so the site is the same on
every run) from the bundled content, so the vocabulary and word frequencies
are Dutch and realistic; each document also gets a few made-up project and
street names so the vocabulary grows with the site, as it would in practice.
"""
import os
import random
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SITE_TOML = """[site]
title = "Synthetische kennisbank"
description = "Benchmark"
base_url = "https://synth.example/"
hub_kind = "gemeente"
taxonomy_kind = "thema"

[kinds.gemeente]
label = "Gemeente"
plural = "Gemeenten"
folder = "gemeenten"
template = "gemeente.html"
url = "gemeenten/{slug}.html"

[kinds.verhaal]
label = "Verhaal"
plural = "Verhalen"
folder = "verhalen"
template = "document.html"
url = "verhalen/{slug}.html"
date_field = "jaar"

[[kinds.verhaal.fields]]
name = "gemeente"
label = "Gemeente"
type = "ref"
target = "gemeente"

[[kinds.verhaal.fields]]
name = "jaar"
label = "Jaar"
type = "integer"
min = 1900
max = 2100
required = true

[[kinds.verhaal.fields]]
name = "themas"
label = "Thema's"
type = "ref_list"
target = "thema"

[kinds.thema]
label = "Thema"
plural = "Thema's"
folder = "themas"
template = "thema.html"
url = "themas/{slug}.html"

[search]
places = { kind = "gemeente" }
"""


def corpus():
    sentences, titles, headings = [], [], []
    content = os.path.join(ROOT, "content")
    for folder, _, files in os.walk(content):
        for name in files:
            if not name.endswith(".md"):
                continue
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            parts = text.split("---", 2)
            body = parts[2] if len(parts) == 3 else text
            m = re.search(r'^title: "(.*)"', text, re.M)
            if m:
                titles.append(m.group(1))
            for line in body.splitlines():
                if line.startswith("## "):
                    headings.append(line[3:].strip())
                elif line and not line.startswith(("#", "|", "-", ">", "!")):
                    line = re.sub(r"\[\[([^\]|]*\|)?([^\]]*)\]\]", r"\2", line)
                    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
                    sentences.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s) > 30)
    return sentences, titles, headings


def made_up(rng):
    syllables = ["ka", "lo", "ver", "zee", "dam", "berg", "hof", "wijk", "mo", "ter", "an", "hu"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(n)
    sentences, titles, headings = corpus()
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    open(os.path.join(out, "site.toml"), "w").write(SITE_TOML)
    shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(out, "themes"))
    gemeenten = [f"gemeente-{i}" for i in range(max(10, n // 200))]
    themas = [f"thema-{i}" for i in range(20)]
    for folder, slugs, title in [("gemeenten", gemeenten, "Gemeente"), ("themas", themas, "Thema")]:
        os.makedirs(os.path.join(out, "content", folder))
        for i, slug in enumerate(slugs):
            with open(os.path.join(out, "content", folder, slug + ".md"), "w") as f:
                f.write(f'---\ntitle: "{made_up(rng)} {title.lower()} {i}"\n---\n\n{rng.choice(sentences)}\n')
    os.makedirs(os.path.join(out, "content", "verhalen"))
    for i in range(n):
        title = rng.choice(titles).replace('"', "'")
        name = made_up(rng)
        lines = ["---", f'title: "{name}: {title}"', f"gemeente: {rng.choice(gemeenten)}",
                 f"jaar: {rng.randint(2010, 2024)}", "themas:"]
        lines += [f"  - {t}" for t in rng.sample(themas, 2)]
        lines += ["---", "", " ".join(rng.choice(sentences) for _ in range(2)) + f" Project {name}.", ""]
        for _ in range(3):
            lines += [f"## {rng.choice(headings)}", "",
                      " ".join(rng.choice(sentences) for _ in range(4)) + f" Aan de {made_up(rng)}straat.", ""]
        with open(os.path.join(out, "content", "verhalen", f"verhaal-{i}.md"), "w") as f:
            f.write("\n".join(lines))


if __name__ == "__main__":
    main()
