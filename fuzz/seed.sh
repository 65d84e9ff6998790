#!/bin/sh
# Seeds the read_submission corpus with every workbook the repository holds:
# the sample quarter's submissions, the layout corpus's workbooks, the inputs the fuzzer found before
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
    # A parser bomb only the reader process's memory cap contains (tests/cli/
    # pool.rs reads it through the pool): in-process it is an out-of-memory
    # at once, and the fuzzer would stop on it before its first mutation.
    */tests/data/fuzz/*-oom.*) continue ;;
    esac
    [ -f "$file" ] || continue
    # Named by content, as libFuzzer names its own finds: reruns add nothing twice.
    cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-40)"
    count=$((count + 1))
done
# The layout corpus (tests/cli/layouts/): written by its test, as the
# offices lay reports out. SKIP_LAYOUTS=1 leaves it out (it builds the tests).
if [ -z "${SKIP_LAYOUTS:-}" ]; then
    layouts=$(mktemp -d)
    (cd "$here/.." && DVCTT_LAYOUT_SEEDS=$layouts cargo test --quiet --test cli \
        layouts::every_layout_of_the_corpus_reads_its_figures_or_its_finding >/dev/null)
    for file in "$layouts"/*; do
        cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-40)"
        count=$((count + 1))
    done
    rm -r "$layouts"
fi
echo "seeded $corpus with $count files"
