#!/usr/bin/env python3
"""The whole evaluation: every stage against $NF_SHARED, one table.

    python3 eval/eval.py [clean] [split] [tag] [merge]

Runs the parts of clean.py, split.py, tag.py and merge.py (all stages if
none is named); a part that fails becomes a row saying why and the rest
still runs. Prints the table (stage | set | measure | value | target |
note), the Golden Rules per file, the error-analysis files, and writes
eval/out/results.json.
"""

import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402

STAGES = ("clean", "split", "tag", "merge")


def main(argv):
    common.quiet_pipe()
    names, rc = common.parse_parts(argv, STAGES)
    if names is None:
        return rc
    res = common.Results()
    t0 = time.time()
    for stage in names:
        try:
            mod = __import__(stage)
        except Exception as e:  # noqa: BLE001
            res.fail(stage, "(all)", "(all)", "eval error: %s" % e, target="")
            continue
        for part, fn in mod.PARTS.items():
            t = time.time()
            common.guarded(res, stage, part, "(all)", fn)
            res.extra.setdefault("seconds", {})["%s %s" % (stage, part)] = \
                round(time.time() - t, 1)
    print(res.table())
    if "clean" in names:
        import clean
        print()
        print(clean.worst_block(res))
    if "split" in names:
        import split
        block = split.per_file_block(res)
        if block:
            print()
            print(block)
    print()
    for p in res.extra.get("analysis_files", ()):
        print("error analysis: %s" % os.path.relpath(p))
    print("results: %s (%.0f s)" % (os.path.relpath(res.write_json()),
                                    time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
