#!/bin/sh
# Seeds the unpack_container corpus: the sample quarter's workbooks (zips
# that are workbook packages), saved e-mails written here as mail clients
# write them (base64 and quoted-printable parts, a forwarded message, an
# RFC 2231 file name, a last boundary never closed), and, where python3 is
# installed, archives: two reports, one inside another, a folder, a name
# with `..`, an end record that under-counts.
# Run from anywhere; then `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run unpack_container`.
set -eu
here=$(dirname "$0")
corpus=${1:-$here/corpus/unpack_container}
mkdir -p "$corpus"
work=$(mktemp -d)
trap 'rm -r "$work"' EXIT
report=$here/../submissions/2020-Q1/bao-cao-an-giang-q1-2020.xlsx
cp "$here"/../submissions/2020-Q1/*.xlsx "$work/"
b64=$(base64 -w 76 "$report")
crlf() { sed 's/$/\r/'; }
mail() { # $1 file, $2 closing boundary or nothing
    {
        printf 'From: "So TTTT" <stttt@example.gov.vn>\nDate: Thu, 09 Apr 2020 08:00:00 +0700\n'
        printf 'Subject: =?UTF-8?B?QsOhbyBjw6Fv?=\nMIME-Version: 1.0\n'
        printf 'Content-Type: multipart/mixed; boundary="XX"\n\n--XX\n'
        printf 'Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n'
        printf 'K=C3=ADnh g=E1=BB=ADi\n--XX\n'
        printf "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename*=UTF-8''b%%C3%%A1o-c%%C3%%A1o.xlsx\n"
        printf 'Content-Transfer-Encoding: base64\n\n%s\n%s' "$b64" "$2"
    } | crlf >"$1"
}
mail "$work/closed.eml" "--XX--"
mail "$work/unclosed.eml" ""
{
    printf 'From: a@example.gov.vn\nDate: Fri, 10 Apr 2020 17:30:00 +0000\nMIME-Version: 1.0\n'
    printf 'Content-Type: multipart/mixed; boundary="OUT"\n\n--OUT\nContent-Type: message/rfc822\n\n'
    cat "$work/closed.eml"
    printf '\n--OUT--\n'
} | crlf >"$work/forwarded.eml"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$work" "$report" <<'PY'
import io, sys, zipfile
work, report = sys.argv[1], open(sys.argv[2], "rb").read()
def make(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return out.getvalue()
two = make([("an-giang.xlsx", report), ("Ha Noi/bc.xlsx", report), ("ghi-chu.txt", b"x")])
open(f"{work}/two.zip", "wb").write(two)
open(f"{work}/nested.zip", "wb").write(make([("trong.zip", two), ("../x.xlsx", b"x")]))
end = two.rfind(b"PK\x05\x06")
under = bytearray(two)
under[end + 8:end + 12] = b"\x01\x00\x01\x00"
open(f"{work}/undercount.zip", "wb").write(bytes(under))
PY
fi
count=0
for file in "$work"/*; do
    # Named by content, as libFuzzer names its own finds: reruns add nothing twice.
    cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-40)"
    count=$((count + 1))
done
echo "seeded $corpus with $count files"
