#!/usr/bin/env bash
# The files that integrate Sagascope with a desktop are valid, and the man pages and the bash
# completion agree with the programs' --help. (The .deb itself, lintian and an install in a
# fresh Debian 12 are packaging/test-install.sh: they need root and minutes.)
#   tst_packaging.sh SOURCE_DIR BUILD_DIR CLI APP DESKTOP_FILE_VALIDATE APPSTREAMCLI UPDATE_MIME_DATABASE DEMO
set -u
src=$1 build=$2 cli=$3 app=$4 dfv=$5 asc=$6 umd=$7 demo=$8
linux=$src/packaging/linux
id=org.sagascope.Sagascope
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# desktop-file-validate prints hints and warnings on stdout: a clean file prints nothing.
out=$("$dfv" "$linux/$id.desktop" 2>&1)
[ $? -eq 0 ] && [ -z "$out" ] && pass "desktop-file-validate" || fail "desktop-file-validate: $out"

out=$("$asc" validate --no-net "$linux/$id.metainfo.xml" 2>&1)
if [ $? -eq 0 ] && ! grep -qE '^(E|W|I):' <<<"$out"; then pass "appstreamcli validate"; else fail "appstreamcli validate: $out"; fi

mkdir -p "$tmp/share/mime/packages" && cp "$linux/$id.mime.xml" "$tmp/share/mime/packages/$id.xml"
out=$(XDG_DATA_DIRS=$tmp/share XDG_DATA_HOME=$tmp/share "$umd" "$tmp/share/mime" 2>&1)
if [ $? -eq 0 ] && [ -z "$out" ] && grep -q 'application/x-sagascope+json:\*\.saga' "$tmp/share/mime/globs2" \
    && grep -q 'application/x-sagascope+json' "$tmp/share/mime/magic"; then
    pass "the MIME type: *.saga and the \"format\" magic"
else
    fail "update-mime-database: $out"
fi
grep -q '^MimeType=application/x-sagascope+json;' "$linux/$id.desktop" && pass "the launcher claims .saga files" \
    || fail "the .desktop file does not claim application/x-sagascope+json"

# Every option of every --help stands in the man page, and the page is what manpage.sh writes
# from today's binaries (not a stale copy).
check_man() { # NAME PROGRAM [COMMAND...]
    local name=$1 program=$2; shift 2
    local page=$build/packaging/man/$name.1 missing=()
    [ -f "$page" ] || { fail "$name.1 was not built"; return; }
    local helps=("$(QT_QPA_PLATFORM=offscreen "$program" --help)")
    for command in "$@"; do helps+=("$("$program" "$command" --help)"); done
    for help in "${helps[@]}"; do
        for option in $(grep -oE -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u); do
            grep -qF -- "${option//-/\\-}" "$page" || missing+=("$option")
        done
    done
    [ ${#missing[@]} -eq 0 ] && pass "$name.1 has every option of --help" || fail "$name.1 lacks ${missing[*]}"
    local date; date=$(sed -nE '1s/^\.TH [^ ]+ 1 "([^"]+)".*/\1/p' "$page")
    local version; version=$(sed -nE '1s/.*"Sagascope ([^"]+)".*/\1/p' "$page")
    QT_QPA_PLATFORM=offscreen bash "$src/packaging/manpage.sh" "$program" "$name" "x" "$version" "$date" "$@" >"$tmp/$name.1"
    # (Line 3 is the NAME line, whose summary only the build knows.)
    if diff <(sed 1,3d "$page") <(sed 1,3d "$tmp/$name.1") >/dev/null; then pass "$name.1 is up to date with --help"
    else fail "$name.1 differs from what manpage.sh writes now"; fi
    local roffname=${name//-/\\-}
    grep -q '^\.SH SYNOPSIS' "$page" && grep -qF ".B $roffname " "$page" && ! grep -qF "$build" "$page" \
        && pass "$name.1's synopsis names the program" || fail "$name.1 has no synopsis naming $name"
}
check_man sagascope "$app"
check_man sagascope-cli "$cli" validate run recover resume inspect export import convert login
check_man sagascope-demo-services "$demo"

# The completion, as bash calls it.
complete_words() { # the command line, the word to complete last
    local COMP_WORDS=("$@") COMP_CWORD=$(($# - 1)) COMPREPLY=()
    COMP_WORDS[0]=$cli
    _sagascope_cli
    echo "${COMPREPLY[*]}"
}
# shellcheck disable=SC1090
source "$linux/sagascope-cli.bash-completion"
words=$(complete_words sagascope-cli "")
for command in validate run recover resume inspect export import convert login; do
    grep -qw "$command" <<<"$words" || fail "completion of commands lacks $command: $words"
done
[ "$(complete_words sagascope-cli run x.saga --inst)" = "--instances" ] && pass "completion of run --inst" \
    || fail "completion of run --inst: $(complete_words sagascope-cli run x.saga --inst)"
[ "$(complete_words sagascope-cli export x.saga --to s)" = "seata svg" ] && pass "completion of export --to s" \
    || fail "completion of export --to s: $(complete_words sagascope-cli export x.saga --to s)"

# F1's "full documentation" links open files that the package installs (Glossary::documentationPath()
# looks in <prefix>/share/doc/sagascope): every document the glossary names is installed there.
if cmake --install "$build" --prefix "$tmp/install" >"$tmp/install.log" 2>&1; then
    docs=$(grep -oE '"doc": *"[^"]+"' "$src/resources/glossary/glossary.json" | sed -E 's/.*"([^"]+)"$/\1/' | sort -u)
    missing=()
    for doc in $docs; do [ -f "$tmp/install/share/doc/sagascope/$doc" ] || missing+=("$doc"); done
    [ -n "$docs" ] && [ ${#missing[@]} -eq 0 ] && pass "the glossary's documents are installed" \
        || fail "the glossary names documents the package does not install: ${missing[*]}"
else
    fail "cmake --install: $(tail -5 "$tmp/install.log")"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
