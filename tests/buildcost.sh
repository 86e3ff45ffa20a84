#!/usr/bin/env bash
# Measures the build cost of the stack's program against its floor (tests/buildfloor): wall time and
# peak memory of a cold `go build` (empty build cache, modules already downloaded) and of a warm one
# (full cache, the binary relinked after an edit). Prints a Markdown table for the README.
# Takes about 5 minutes and 1.5 GB on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go mod download

measure() { # label package cache-dir
  local log="$out/time.log"
  GOCACHE="$3" /usr/bin/time -v go build -o "$out/bin" "$2" 2>"$log"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  echo "| $1 | $wall | $rss MB |"
}

echo "| build | wall time (m:ss) | peak memory |"
echo "|---|---|---|"
for target in "floor ./tests/buildfloor" "program ." ; do
  set -- $target
  cache="$out/cache-$1"
  mkdir -p "$cache"
  measure "$1, cold" "$2" "$cache"
  # Warm: the cache is full; an edit of the program forces a recompile of its own package and a relink.
  cp "$2/main.go" "$out/main.go.orig"
  echo "// edit $(date +%s%N)" >> "$2/main.go"
  measure "$1, warm (after an edit)" "$2" "$cache"
  cp "$out/main.go.orig" "$2/main.go"
done
