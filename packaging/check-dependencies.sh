#!/usr/bin/env bash
# Checks, before CMake runs, that every dependency the build looks for names the Debian package
# that provides it, and that packaging/debian12-packages.txt lists that package (so `./dev.sh`
# installs it on a fresh Debian 12). dev.sh runs it before configuring; so does the test suite.
#
#   packaging/check-dependencies.sh [REPO]     exit 0 when all is well, 1 with one line a fault
set -euo pipefail
repo=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
cd "$repo"
list=packaging/debian12-packages.txt
helpers=packaging/Dependencies.cmake
status=0
fault() { echo "check-dependencies: $*" >&2; status=1; }

mapfile -t listed < <(grep -Ev '^\s*(#|$)' "$list" | tr -d ' \t')
is_listed() { local p; for p in "${listed[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

if git rev-parse --git-dir >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files -co --exclude-standard -- 'CMakeLists.txt' '*/CMakeLists.txt' '*.cmake' | grep -v '^build')
else
    mapfile -t files < <(find . -path ./build -prune -o \( -name CMakeLists.txt -o -name '*.cmake' \) -print | sed 's|^\./||')
fi

for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    [ "$f" = "$helpers" ] && continue
    # A look-up written directly names no Debian package: a fresh machine would fail without one.
    while IFS=: read -r line text; do
        call=$(sed -E 's/^\s*([a-z_]+)\s*\(.*/\1/' <<<"$text")
        case $call in find_package|find_program|pkg_check_modules) use=sagascope_$call ;; *) use=sagascope_find_package ;; esac
        fault "$f:$line: $call() names no Debian package; use $use() from $helpers with DEBIAN <package> (a missing dependency must name the package to install)"
    done < <(grep -nE '^\s*(find_package|pkg_check_modules|pkg_search_module|find_library|find_path|find_program)\s*\(' "$f" | sed -E 's/^([0-9]+):/\1:/')
    # Every package named after DEBIAN must be in the install list.
    while read -r deb; do
        is_listed "$deb" || fault "$f: needs the Debian package '$deb', which $list does not list (add it, so that ./dev.sh installs it)"
    done < <(tr '\n' ' ' <"$f" | grep -oE 'sagascope_(find_package|pkg_check_modules|find_program)\s*\([^)]*\)' \
             | sed -nE 's/.*DEBIAN\s+([^)]*)\).*/\1/p' | tr ' ' '\n' | grep -E '^[a-z0-9]')
done
exit $status
