#!/usr/bin/python3
"""peers_readability_lxml.py: the readability-lxml peer for bench/run.sh clean.

    /usr/bin/python3 bench/peers_readability_lxml.py FILE.html...

For each file: readability-lxml's Document(html).summary() (the main content
as HTML) and .short_title(), then the summary's text through lxml, printed
as one JSON line {"file","title","text"}. Debian's python3-readability.
A page that fails is named on stderr and skipped.
"""
import json
import os
import sys

import lxml.html
from readability import Document


def main():
    files = sys.argv[1:]
    if not files:
        print("usage: peers_readability_lxml.py FILE.html...", file=sys.stderr)
        return 2
    failed = 0
    out = sys.stdout
    for f in files:
        try:
            with open(f, "rb") as fp:
                html = fp.read()
            doc = Document(html)
            summary = doc.summary(html_partial=True)
            text = lxml.html.fromstring(summary).text_content()
            out.write(json.dumps({"file": os.path.basename(f),
                                  "title": doc.short_title(),
                                  "text": text}) + "\n")
        except Exception as e:  # one bad page must not stop the run
            failed += 1
            print("peers_readability_lxml: %s: %s" % (f, e), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
