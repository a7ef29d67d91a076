#!/usr/bin/env bash
# packaging/check-dependencies.sh refuses what would break a fresh Debian 12 (a dependency that
# names no package, a package the list lacks) and passes this repository as it is.
set -u
repo=$1
check=$repo/packaging/check-dependencies.sh
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0
expect() { # expect STATUS PATTERN TITLE: run the check on $tmp/r
    local want=$1 pattern=$2 title=$3 out status
    out=$("$check" "$tmp/r" 2>&1); status=$?
    if [ "$status" -ne "$want" ] || ! grep -q -- "$pattern" <<<"$out"; then
        echo "FAIL: $title: exit $status (want $want), output: $out"; failed=1
    else
        echo "PASS: $title"
    fi
}
fresh() {
    rm -rf "$tmp/r"; mkdir -p "$tmp/r/packaging" "$tmp/r/lib"
    cp "$repo/packaging/Dependencies.cmake" "$check" "$tmp/r/packaging/"
    printf '# a comment\nqt6-base-dev\nlibsqlite3-dev\n' >"$tmp/r/packaging/debian12-packages.txt"
    printf 'include(packaging/Dependencies.cmake)\nadd_subdirectory(lib)\n' >"$tmp/r/CMakeLists.txt"
}

fresh
printf 'sagascope_find_package(SQLite3 DEBIAN libsqlite3-dev)\n' >"$tmp/r/lib/CMakeLists.txt"
expect 0 '' "a dependency through the helper, its package listed"

fresh
printf 'target_link_libraries(x)\n  find_package(SQLite3 REQUIRED)\n' >"$tmp/r/lib/CMakeLists.txt"
expect 1 'lib/CMakeLists.txt:2: find_package() names no Debian package' "a raw find_package is refused with its file and line"

fresh
printf 'pkg_check_modules(GV REQUIRED libgvc)\n' >"$tmp/r/lib/CMakeLists.txt"
expect 1 'use sagascope_pkg_check_modules()' "a raw pkg_check_modules is refused"

fresh
printf 'sagascope_find_package(Qt6 6.4\n    COMPONENTS HttpServer\n    DEBIAN qt6-httpserver-dev)\n' >"$tmp/r/lib/CMakeLists.txt"
expect 1 "needs the Debian package 'qt6-httpserver-dev'" "a package missing from the list is named, across lines"

echo "== this repository"
if "$check" "$repo"; then echo "PASS: the repository's own CMake files"; else failed=1; fi
[ $failed -eq 0 ] && echo "5 passed, 0 failed" || { echo "some checks failed"; exit 1; }
