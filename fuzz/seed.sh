#!/bin/sh
# Seeds the read_submission corpus with every workbook the repository holds:
# the sample quarter's submissions, the inputs the fuzzer found before
# (tests/data/fuzz/) and the peer corpora (tests/data/peer/: calamine's,
# xlrd's and XlsxWriter's test files, from Excel of every age, LibreOffice,
# WPS, scripts).
# Run from anywhere; then `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run read_submission`.
set -eu
here=$(dirname "$0")
corpus=${1:-$here/corpus/read_submission}
mkdir -p "$corpus"
count=0
for file in "$here"/../submissions/2020-Q1/* "$here"/../tests/data/fuzz/* "$here"/../tests/data/peer/*/*; do
    case "$file" in
    *LICENSE* | *.md | *.tsv) continue ;;
    esac
    [ -f "$file" ] || continue
    # Named by content, as libFuzzer names its own finds: reruns add nothing twice.
    cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-40)"
    count=$((count + 1))
done
echo "seeded $corpus with $count files"
