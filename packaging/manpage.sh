#!/usr/bin/env bash
# Writes a man page from a program's own --help, so that the two can never disagree: the build
# runs it on the binaries it just linked (packaging/CMakeLists.txt), and tst_packaging checks
# that every option of every --help is in the page.
#
#   packaging/manpage.sh PROGRAM NAME "ONE-LINE SUMMARY" VERSION DATE [COMMAND...] > NAME.1
#
# With COMMANDs (sagascope-cli), the page has a section per command from `PROGRAM COMMAND --help`.
set -euo pipefail
program=$1 name=$2 summary=$3 version=$4 date=$5
shift 5

# QCommandLineParser's layout -> roff: "Options:" headings, "  --opt <V>   text" items whose
# text continues on lines indented to the text's column, other lines as paragraphs.
to_roff() {
    awk -v heading="$1" '
    function esc(s) { gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s); if (s ~ /^[.\x27]/) s = "\\&" s; return s }
    BEGIN { item = 0 }
    /^Usage: / { next }
    /^$/ { print ".PP"; item = 0; next }
    /^[A-Z][A-Za-z ]*:$/ {
        sub(/:$/, ""); if (heading == ".SH") $0 = toupper($0)
        print heading " " esc($0); item = 0; next
    }
    /^  [^ ]/ {
        line = substr($0, 3)
        if (match(line, /   +/)) {
            term = substr(line, 1, RSTART - 1); text = substr(line, RSTART + RLENGTH)
            col = 2 + RSTART + RLENGTH - 1
        } else { term = line; text = ""; col = 0 }
        print ".TP"; print "\\fB" esc(term) "\\fR"
        if (text != "") print esc(text)
        item = 1; next
    }
    item && col > 0 && substr($0, 1, col) ~ /^ +$/ { print esc(substr($0, col + 1)); next }
    { if (item) print ".PP"; item = 0; sub(/^ +/, ""); print esc($0) }
    '
}
# The usage line, naming the program rather than the path it was run from.
usage() { grep -m1 '^Usage: ' | sed -e 's/^Usage: //' -e "s|^$program |$name |" -e 's/\\/\\e/g' -e 's/-/\\-/g'; }

upper=$(tr '[:lower:]' '[:upper:]' <<<"$name")
help=$("$program" --help)
printf '.TH %s 1 "%s" "Sagascope %s" "User Commands"\n' "$upper" "$date" "$version"
printf '.SH NAME\n%s \\- %s\n' "${name//-/\\-}" "$summary"
printf '.SH SYNOPSIS\n.B %s\n' "$(usage <<<"$help")"
printf '.SH DESCRIPTION\n'
to_roff .SH <<<"$help"
if [ $# -gt 0 ]; then
    printf '.SH COMMAND OPTIONS\n'
    for command in "$@"; do
        sub=$("$program" "$command" --help)
        printf '.SS %s %s\n.PP\n.B %s\n.PP\n' "${name//-/\\-}" "$command" "$(usage <<<"$sub")"
        to_roff '.PP\n.I' <<<"$sub"
    done
fi
printf '.SH EXIT STATUS\nSee the exit codes above; 2 always means input that could not be read or used.\n'
printf '.SH SEE ALSO\n'
case $name in
    sagascope) printf '.BR sagascope\\-cli (1)\n' ;;
    *) printf '.BR sagascope (1)\n' ;;
esac
printf '.PP\nThe documentation in /usr/share/doc/sagascope and the project'"'"'s README.\n'
