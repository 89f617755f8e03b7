#!/usr/bin/env python3
"""mkwarc.py: write HTML files as one WARC 1.1 file for newsclean.

    mkwarc.py [-c COPIES] [-u URLS.json] OUT.warc FILE.html...

Writes a warcinfo record, then one `response` record per file: an HTTP/1.1
200 response (Content-Type: text/html, no charset, so the page's own
<meta> decides) whose payload is the file's bytes, unchanged. The target
URI comes from URLS.json ({basename-without-.html: {"url": ...}}, the shape
of the AEB ground-truth.json) or is made up from the file name. With
-c COPIES, the files are written COPIES times over, copy k > 0 under the
host "mirrorK." + the original host, as a syndicated repost would be.

Used by bench/run.sh so that newsclean reads all pages in one process, as
a crawl would hand them to it, instead of measuring process start-up.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "eval"))
import warcwriter  # noqa: E402  (the one WARC writer of eval/ and bench/)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-c", "--copies", type=int, default=1)
    ap.add_argument("-u", "--urls")
    ap.add_argument("out")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    urls = {}
    if a.urls:
        with open(a.urls, encoding="utf-8") as f:
            urls = {k: v.get("url") for k, v in json.load(f).items()}
    with open(a.out, "wb") as out:
        out.write(warcwriter.warcinfo("newsfilters bench/mkwarc.py"))
        for copy, path in ((c, p) for c in range(max(1, a.copies))
                           for p in a.files):
            with open(path, "rb") as f:
                body = f.read()
            key = os.path.basename(path).split(".")[0]
            url = urls.get(key) or "http://bench.invalid/%s.html" % key
            if copy:
                url = url.replace("://", "://mirror%d." % copy, 1)
            out.write(warcwriter.response(url, body))
    return 0


if __name__ == "__main__":
    sys.exit(main())
