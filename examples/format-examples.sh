#!/bin/sh
# format-examples.sh: regenerate the example records in docs/FORMAT.md from
# a real run of the built programs over examples/feeds.txt, so that the
# documentation shows what the programs write today.
#
#   sh examples/format-examples.sh [URL-REGEX]
#
# URL-REGEX picks the document shown after each stage (default: the
# Valley Tribune's maternity-wing article, which came through a feed).
# Rewrites the blocks between "<!-- BEGIN generated: NAME -->" and
# "<!-- END generated: NAME -->" in docs/FORMAT.md. Needs jq.

set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 2
PICK=${1:-maternity-wing}
B=${NF_BIN:-$TOP/build/bin}
command -v jq >/dev/null 2>&1 || { echo "format-examples: needs jq" >&2; exit 2; }
for p in newsfetch newsclean newssplit newstag newsmerge; do
	[ -x "$B/$p" ] || { echo "format-examples: $B/$p not built (make)" >&2; exit 2; }
done

W=$(mktemp -d "${TMPDIR:-/tmp}/nf-format.XXXXXX") || exit 2
trap 'rm -rf "$W"' EXIT INT TERM

"$B/newsfetch" examples/feeds.txt >"$W/warc" 2>"$W/err" &&
"$B/newsclean" <"$W/warc" >"$W/clean" 2>>"$W/err" &&
"$B/newssplit" <"$W/clean" >"$W/split" 2>>"$W/err" &&
"$B/newstag" <"$W/split" >"$W/tag" 2>>"$W/err" &&
"$B/newsmerge" "$W/corpus" <"$W/tag" >/dev/null 2>>"$W/err" || {
	echo "format-examples: the pipeline failed:" >&2
	cat "$W/err" >&2
	exit 1
}

# One JSON object, a field a line; lists of objects one element a line.
pretty() {
	jq -r --arg pick "$PICK" '
	  select(.url | test($pick)) |
	  def fmt: if type == "array" and length > 0 and (.[0] | type) == "object"
	    then "[\n" + (map("    " + tojson) | join(",\n")) + "\n  ]"
	    else tojson end;
	  "{\n" + ([to_entries[] | "  " + (.key | tojson) + ": " + (.value | fmt)] | join(",\n")) + "\n}"
	' "$1"
}

{
	printf '```\n'
	# The metadata record of the picked page: its header and block.
	LC_ALL=C awk -v pick="$PICK" '
		{ sub(/\r$/, "") }
		/^WARC\/1\.[01]$/ { n = 0; meta = 0; inhdr = 1; hdr[n++] = $0; next }
		inhdr && /^WARC-Type: metadata$/ { meta = 1 }
		inhdr && /^WARC-Target-URI:/ && $2 !~ pick { meta = 0; skip = 1 }
		inhdr && /^WARC-Target-URI:/ && $2 ~ pick { skip = 0 }
		inhdr && $0 == "" { inhdr = 0; if (meta && !skip) { for (i = 0; i < n; i++) print hdr[i]; print ""; show = 1 } else show = 0; next }
		inhdr { hdr[n++] = $0; next }
		show && $0 != "" { print }
		show && $0 == "" { show = 0 }
	' "$W/warc"
	printf '```\n'
} >"$W/gen.warc-metadata"

for s in clean split tag; do
	{ printf '```json\n'; pretty "$W/$s"; printf '```\n'; } >"$W/gen.$s"
done
{
	printf '```json\n'
	jq -c . "$W/corpus/duplicates.jsonl"
	printf '```\n'
} >"$W/gen.duplicates"

for s in warc-metadata clean split tag duplicates; do
	[ "$(grep -c . "$W/gen.$s")" -gt 2 ] ||
		echo "format-examples: warning: nothing generated for $s" >&2
done

awk -v dir="$W" '
	/^<!-- BEGIN generated: / {
		print; name = $4
		while ((getline line < (dir "/gen." name)) > 0) print line
		close(dir "/gen." name); skip = 1; next
	}
	/^<!-- END generated: / { skip = 0 }
	!skip { print }
' docs/FORMAT.md >"$W/FORMAT.md" && cp "$W/FORMAT.md" docs/FORMAT.md &&
echo "docs/FORMAT.md: examples regenerated from a run over examples/ ($PICK)"
