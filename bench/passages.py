#!/usr/bin/env python3
"""Writes a site of passages of one source document, for search benchmarks
on text the ranking was not tuned on.

Usage: passages.py SOURCE.txt OUT_DIR [MIN_CHARS]

The text is split at blank lines into paragraphs, and consecutive paragraphs
are joined into passages of at least MIN_CHARS characters (default 1200).
Each passage is a document `content/passages/pNNN.md` titled
"Passage NNN" with the passage as its body, as it stands in the source (line
breaks, page headers and words broken at a line end included), so neither
engine gets headings or titles to lean on. The site uses the default theme.
"""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The site around the passages: the test suite builds the same one
# (tests/testsuite/search_passages.rs).
SITE_TOML = os.path.join(ROOT, "tests", "fixtures", "passages", "site.toml")


def passages(text, min_chars):
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    out, current = [], []
    for p in paragraphs:
        current.append(p)
        if sum(len(c) for c in current) >= min_chars:
            out.append("\n\n".join(current))
            current = []
    if current:
        out.append("\n\n".join(current))
    return out


def main():
    source, out = sys.argv[1], sys.argv[2]
    min_chars = int(sys.argv[3]) if len(sys.argv) > 3 else 1200
    text = open(source, encoding="utf-8").read()
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "passages"))
    shutil.copy(SITE_TOML, os.path.join(out, "site.toml"))
    shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(out, "themes"))
    for i, body in enumerate(passages(text, min_chars), 1):
        # Markdown would read a line starting with `#`, `>` or a number and a
        # dot as structure, and `<sup>` in the text as HTML; the passages are
        # plain text.
        body = body.replace("<", "\\<")
        body = "\n".join(("\\" + l if l.lstrip().startswith(("#", ">", "-", "*", "+")) else l) for l in body.split("\n"))
        front = f'---\ntitle: "Passage {i:03}"\n---\n\n'
        with open(os.path.join(out, "content", "passages", f"p{i:03}.md"), "w", encoding="utf-8") as f:
            f.write(front + body + "\n")


if __name__ == "__main__":
    main()
