#!/bin/sh
# Independent check of the Markdown writer: every CommonMark 0.31.2 spec example is read and
# written by cjkdoc (tests/it/markdown.rs dumps the pairs), then the original and the output
# are rendered with commonmark.js (the reference implementation) and compared.
#
# Usage: scripts/commonmark-js-check.sh [VERBOSE=1 to print the differences]
# commonmark.js is installed into a temporary directory (not the repository), or taken from
# $COMMONMARK_JS_DIR (a directory holding node_modules/commonmark).
set -eu
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null 2>&1; then
    echo "skipped: node is not installed"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
modules="${COMMONMARK_JS_DIR:-}"
if [ -z "$modules" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "skipped: npm is not installed (or set COMMONMARK_JS_DIR)"
        exit 0
    fi
    modules="$work/cmjs"
    mkdir -p "$modules"
    if ! (cd "$modules" && npm install --silent --no-save commonmark@0.31 >/dev/null 2>&1); then
        echo "skipped: could not install commonmark.js with npm"
        exit 0
    fi
fi
CJKDOC_SPEC_DUMP="$work/pairs.json" cargo test --quiet --test it commonmark_spec_round_trip >/dev/null
NODE_PATH="$modules/node_modules" node scripts/commonmark-js-check.js "$work/pairs.json"
