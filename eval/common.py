"""Shared plumbing of the evaluation harness: where things are, how a
program is run (once per data set, with a time limit, never raising), how a
result row looks, and the table everything ends in.

Standard library only (Debian's python3).
"""

import json
import os
import signal
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NF_BIN = os.environ.get("NF_BIN") or os.path.join(TOP, "build", "bin")
NF_SHARED = os.environ.get("NF_SHARED") or os.path.join(
    os.path.dirname(TOP), "shared", "data")
OUT = os.environ.get("NF_EVAL_OUT") or os.path.join(TOP, "eval", "out")

# Targets from ../shared/DESIGN.md ("Targets"), keyed by (stage, measure).
TARGETS = {
    ("clean", "AEB F1"): ">= 0.96",
    ("clean", "WCXB mean page F1"): ">= 0.94",
    ("clean", "snippet F"): ">= 0.93",
    ("clean", "title right"): ">= 90%",
    ("clean", "date right"): ">= 85%",
    ("split", "Golden Rules exact"): "52/52",
    ("split", "sentence F1"): ">= 88",
    ("tag", "value F1"): ">= 78",
    ("tag", "F1 PER/ORG/LOC micro"): ">= 85",
}

# Seconds one program run may take before it is killed and reported.
TIMEOUT = int(os.environ.get("NF_EVAL_TIMEOUT", "240"))
# A program that already timed out gets this much from then on, and after
# MAX_TIMEOUTS timeouts is not run again: a hang costs minutes, not hours.
TIMEOUT_AFTER = 20
MAX_TIMEOUTS = 3
_timeouts = {}


def outpath(name):
    os.makedirs(OUT, exist_ok=True)
    return os.path.join(OUT, name)


class Run:
    """What happened when a program ran: its stdout (bytes), the tail of
    its stderr, exit status, and a short note for the table when the run
    was not clean (missing program, crash, timeout, exit 2)."""

    def __init__(self, prog):
        self.prog = prog
        self.out = b""
        self.err = b""
        self.status = None
        self.note = ""
        self.seconds = 0.0

    @property
    def usable(self):
        """Output can be scored (possibly partial)."""
        return self.status is not None

    def records(self):
        """The JSON objects on stdout; lines that are not JSON objects are
        counted in self.bad_lines and skipped."""
        recs = []
        self.bad_lines = 0
        for line in self.out.split(b"\n"):
            if not line.strip():
                continue
            try:
                obj = json.loads(line.decode("utf-8", "replace"))
            except ValueError:
                self.bad_lines += 1
                continue
            if isinstance(obj, dict):
                recs.append(obj)
            else:
                self.bad_lines += 1
        if self.bad_lines and not self.note:
            self.note = "%d non-JSON output lines" % self.bad_lines
        return recs


def program(name):
    return os.path.join(NF_BIN, name)


def run(name, args, data, timeout=None):
    """Run program `name` with `args`, feeding `data` (bytes, or a binary
    file object read from its current position) on stdin.
    Never raises: a missing program, a crash, a timeout or exit status 2
    are described in Run.note. Exit status 1 (some records failed) is the
    documented normal case for bad records and gets no note."""
    r = Run(name)
    path = program(name)
    if not os.access(path, os.X_OK):
        r.note = "%s missing (not built)" % name
        return r
    if _timeouts.get(name, 0) >= MAX_TIMEOUTS:
        r.note = "%s not run: timed out %d times already" % (name,
                                                             MAX_TIMEOUTS)
        return r
    if _timeouts.get(name):
        timeout = min(timeout or TIMEOUT, TIMEOUT_AFTER)
    t0 = time.time()
    limit = timeout or TIMEOUT
    feed = isinstance(data, (bytes, bytearray))
    try:
        # Own process group, so that a timeout kills everything the
        # program started and no grandchild keeps the pipes open.
        p = subprocess.Popen([path] + list(args),
                             stdin=subprocess.PIPE if feed else data,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
    except OSError as e:
        r.note = "%s could not run: %s" % (name, e)
        return r
    try:
        r.out, r.err = p.communicate(data if feed else None, timeout=limit)
        r.status = p.returncode
    except subprocess.TimeoutExpired:
        _timeouts[name] = _timeouts.get(name, 0) + 1
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        r.out, r.err = p.communicate()
        r.status = -9
        r.note = "%s timed out after %ds (partial output scored)" % (
            name, limit)
    r.seconds = time.time() - t0
    if r.status is not None and r.status < 0 and not r.note:
        r.note = "%s crashed (signal %d; partial output scored)" % (
            name, -r.status)
    elif r.status == 2:
        r.note = "%s exit 2: %s" % (name, lasterr(r.err))
    elif r.status not in (0, 1, None) and not r.note:
        r.note = "%s exit %d: %s" % (name, r.status, lasterr(r.err))
    return r


def lasterr(err):
    lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.strip()]
    return lines[-1][:160] if lines else "(no message)"


class Results:
    """Rows of the final table plus details, written to results.json."""

    def __init__(self):
        self.rows = []
        self.extra = {}

    def add(self, stage, set_, measure, value, note="", target=None, fmt=None):
        if target is None:
            target = TARGETS.get((stage, measure), "")
        self.rows.append({"stage": stage, "set": set_, "measure": measure,
                          "value": value, "display": fmt_value(value, fmt),
                          "target": target, "note": note})

    def fail(self, stage, set_, measure, note, target=None):
        """A row whose value could not be computed at all."""
        self.add(stage, set_, measure, None, note, target=target)

    def table(self):
        cols = ("stage", "set", "measure", "display", "target", "note")
        head = ("stage", "set", "measure", "value", "target", "note")
        rows = [head] + [tuple(str(r[c]) for c in cols) for r in self.rows]
        w = [max(len(r[i]) for r in rows) for i in range(len(cols) - 1)]
        out = []
        for i, r in enumerate(rows):
            cells = [r[j].ljust(w[j]) for j in range(len(w))] + [r[-1]]
            out.append(" | ".join(cells).rstrip())
            if i == 0:
                out.append("-+-".join("-" * x for x in w) + "-+-" + "-" * 4)
        return "\n".join(out)

    def write_json(self, name="results.json"):
        path = outpath(name)
        with open(path, "w", encoding="utf-8") as f:
            meta = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "nf_bin": NF_BIN, "nf_shared": NF_SHARED,
                    "python": sys.version.split()[0]}
            json.dump({"meta": meta, "rows": self.rows,
                       "details": self.extra}, f, indent=1,
                      ensure_ascii=False)
            f.write("\n")
        return path


def fmt_value(v, fmt=None):
    if v is None:
        return "-"
    if fmt:
        return fmt % v if not callable(fmt) else fmt(v)
    if isinstance(v, float):
        return "%.3f" % v
    return str(v)


def pct(v):
    return "%.1f%%" % (100 * v)


def guarded(results, stage, set_, measure, fn, *args):
    """Run one part of the eval; an exception in the harness itself (bad
    data, a bug) becomes a row saying so, and the rest still runs."""
    try:
        fn(results, *args)
    except Exception as e:  # noqa: BLE001 - the eval must never stop
        import traceback
        traceback.print_exc(file=sys.stderr)
        results.fail(stage, set_, measure, "eval error: %s: %s" % (
            type(e).__name__, str(e)[:120]))


def write_lines(name, lines):
    path = outpath(name)
    with open(path, "w", encoding="utf-8") as f:
        for l in lines:
            f.write(l + "\n")
    return path


def jsonl(objs):
    """Bytes of JSON Lines for a list of dicts."""
    return b"".join(json.dumps(o, ensure_ascii=False).encode("utf-8") + b"\n"
                    for o in objs)


def run_records(prog, recs, name):
    """Run prog once on records (dicts with "id"); keep its output and
    stderr as eval/out/NAME.jsonl and .stderr. Returns (Run, dict id ->
    output record)."""
    r = run(prog, [], jsonl(recs))
    got = {}
    if r.usable:
        for o in r.records():
            if "id" in o:
                got.setdefault(str(o["id"]), o)
    with open(outpath(name + ".jsonl"), "wb") as f:
        f.write(r.out)
    with open(outpath(name + ".stderr"), "wb") as f:
        f.write(r.err)
    return r, got


def quiet_pipe():
    """Die quietly when stdout is a closed pipe (`... | head`)."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def parse_parts(argv, choices):
    """The names given on the command line, all of `choices` if none:
    (names, None); or (None, exit code) after printing the usage for
    -h/--help (0) or for a name not among the choices (2)."""
    names = argv[1:] or list(choices)
    usage = "usage: %s [%s]...\n" % (os.path.basename(argv[0]),
                                      "|".join(choices))
    if names[0] in ("-h", "--help"):
        sys.stdout.write(usage)
        return None, 0
    if [n for n in names if n not in choices]:
        sys.stderr.write(usage)
        return None, 2
    return names, None


def main_for(module_parts, argv, stage, after=None):
    """CLI shared by clean.py, split.py, tag.py, merge.py: run the named
    parts (all if none), print the table, write out/STAGE.json."""
    quiet_pipe()
    names, rc = parse_parts(argv, module_parts)
    if names is None:
        return rc
    res = Results()
    for n in names:
        guarded(res, stage, n, "(all)", module_parts[n])
    print(res.table())
    if after:
        extra = after(res)
        if extra:
            print(extra)
    for p in res.extra.get("analysis_files", ()):
        print("error analysis: %s" % p)
    print("results: %s" % res.write_json("%s.json" % stage))
    return 0
