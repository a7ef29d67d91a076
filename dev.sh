#!/usr/bin/env bash
# Sagascope's developer entry point. Two commands do everything on a fresh Debian 12 machine:
#
#   ./dev.sh app    install what is missing, build (Release), open the designer on an example
#   ./dev.sh test   install what is missing, build, fuzz the loader for a bounded minute in its
#                   own tree (build-fuzz, clang), run the whole test suite (offscreen)
#
# and, for a release, ./dev.sh package: the Debian package in build-package/, checked by lintian
# (packaging/test-install.sh then installs it in a fresh Debian 12 root).
#
# Both are idempotent and say what they do. BUILD_DIR (default: build) picks the build tree.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
build_dir=${BUILD_DIR:-build}
jobs=$(nproc 2>/dev/null || echo 2)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
    local wanted=() missing=()
    mapfile -t wanted < <(grep -Ev '^\s*(#|$)' packaging/debian12-packages.txt)
    for p in "${wanted[@]}"; do
        # NodeSource's nodejs package bundles npm and conflicts with Debian's npm: a working npm
        # command is enough.
        if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "All ${#wanted[@]} Debian packages from packaging/debian12-packages.txt are installed"
        return
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "dev.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    say "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Node modules the tests run, at the versions pinned in each package-lock.json: the bridge tests'
# outside interpreters (tests/bridge/js: aws-local-stepfunctions, bpmn-engine) and the outside
# OAuth 2.0 authorization server of tst_oauthinterop (tests/engine/js: oidc-provider). Installed
# here, the one setup step that downloads; the tests themselves never do.
install_node_modules() {
    local dir
    for dir in tests/bridge/js tests/engine/js; do
        if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
            say "Node modules of $dir are installed ($dir/node_modules)"
            continue
        fi
        say "Installing the Node modules of $dir from $dir/package-lock.json (npm ci)"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    done
}

check_dependencies() {
    say "Checking that every dependency CMake looks for is in packaging/debian12-packages.txt"
    packaging/check-dependencies.sh
}

# Qt warns on every start without a runtime directory (CI, chroots, ssh): give it a private one.
runtime_dir() {
    if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "$XDG_RUNTIME_DIR" ]; then
        XDG_RUNTIME_DIR="${TMPDIR:-/tmp}/sagascope-runtime-$(id -u)"
        mkdir -p -m 700 "$XDG_RUNTIME_DIR"
        [ -O "$XDG_RUNTIME_DIR" ] || { echo "dev.sh: $XDG_RUNTIME_DIR belongs to another user" >&2; exit 1; }
        chmod 700 "$XDG_RUNTIME_DIR"
        export XDG_RUNTIME_DIR
    fi
}

# The libFuzzer target over the loader and the validator, with AddressSanitizer and UBSan, in a
# tree of its own (everything it links is instrumented); a bounded run (SAGASCOPE_FUZZ_SECONDS,
# default 60). Skipped, with a word, where clang is missing or SAGASCOPE_SKIP_FUZZ=1.
fuzz() {
    if [ "${SAGASCOPE_SKIP_FUZZ:-0}" = 1 ]; then
        say "Skipping the fuzz run (SAGASCOPE_SKIP_FUZZ=1)"
        return
    fi
    if ! command -v clang++ >/dev/null; then
        say "Skipping the fuzz run: clang++ is not installed (Debian: clang libclang-rt-14-dev)"
        return
    fi
    local dir="$build_dir-fuzz" launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    say "Fuzzing the loader and validator for ${SAGASCOPE_FUZZ_SECONDS:-60} s ($dir: clang, ASan, UBSan)"
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
        -DSAGASCOPE_FUZZ=ON -DSAGASCOPE_BUILD_BENCH=OFF -DSAGASCOPE_FUZZ_SECONDS="${SAGASCOPE_FUZZ_SECONDS:-60}" \
        "${launcher[@]}" >/dev/null
    cmake --build "$dir" --parallel "$jobs" --target fuzz_sagafile
    ctest --test-dir "$dir" -L fuzz --output-on-failure
}

build() {
    local launcher=()
    if command -v ccache >/dev/null; then
        # Paths below the checkout hash as relative ones, so clones and worktrees share hits.
        export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
        launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
    say "Configuring $build_dir (CMake + Ninja, Release)"
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" "$@"
    say "Building with $jobs jobs"
    cmake --build "$build_dir" --parallel "$jobs"
}

case "${1:-}" in
app)
    shift
    install_packages
    check_dependencies
    build
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "dev.sh: no DISPLAY or WAYLAND_DISPLAY: start a desktop session or Xvfb first (e.g. 'Xvfb :99 & export DISPLAY=:99')" >&2
        exit 1
    fi
    runtime_dir
    say "Opening the designer on examples/order-checkout.saga"
    exec "$build_dir/app/gui/sagascope" examples/order-checkout.saga "$@"
    ;;
test)
    shift
    install_packages
    install_node_modules
    check_dependencies
    build
    # The bounded fuzz run belongs to the whole suite, not to a filtered one (-R, -L ...); it
    # comes first so that the suite's own summary is the last thing printed.
    if [ $# -eq 0 ]; then fuzz; fi
    say "Running the test suite (CTest, QT_QPA_PLATFORM=offscreen)"
    export QT_QPA_PLATFORM=offscreen
    runtime_dir
    ctest --test-dir "$build_dir" --output-on-failure --parallel "$jobs" "$@"
    ;;
package)
    shift
    install_packages
    check_dependencies
    build_dir=${BUILD_DIR:-build-package}
    # Debian's hardening flags (dpkg-buildflags), read by CMake when it first configures the tree.
    CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
    LDFLAGS=$(dpkg-buildflags --get LDFLAGS)
    export CXXFLAGS LDFLAGS
    build -DSAGASCOPE_BUILD_TESTS=OFF -DSAGASCOPE_BUILD_BENCH=OFF -DCMAKE_INSTALL_PREFIX=/usr "$@"
    say "Packaging (CPack)"
    rm -f "$build_dir"/sagascope_*.deb
    (cd "$build_dir" && cpack -G DEB >/dev/null)
    deb=$(ls "$build_dir"/sagascope_*.deb)
    say "Checking $deb with lintian (overrides, with their reasons: packaging/debian/lintian-overrides)"
    lintian --fail-on error,warning --info "$deb"
    say "Built $deb: install it with: sudo apt install ./$deb"
    ;;
*)
    echo "usage: ./dev.sh app|test|package   (see README.md)" >&2
    exit 2
    ;;
esac
