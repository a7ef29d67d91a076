#!/usr/bin/env bash
# The install test of the Debian package: in a fresh, minimal Debian 12 root (debootstrap
# minbase, built once and cached), `apt install ./sagascope_*.deb` must pull everything it
# needs, the command line and the desktop application must work, the desktop integration must
# be registered, and `apt purge` must leave nothing behind. Needs root, debootstrap and a few
# minutes; not part of ./dev.sh test. See packaging/README.md.
#
#   packaging/test-install.sh [PACKAGE.deb]      (default: the newest build-package/sagascope_*.deb)
#
# Leaves the screenshot it took in build-package/install-test.png.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deb=${1:-$(ls -t "$here"/build-package/sagascope_*.deb 2>/dev/null | head -1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "test-install: no package; build one with ./dev.sh package" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "test-install: needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

root=${TMPDIR:-/tmp}/sagascope-install-root
mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}')
[ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
if [ ! -x "$root.pristine/bin/bash" ]; then
    say "Building a minimal Debian 12 root (once, cached in $root.pristine)"
    debootstrap --variant=minbase bookworm "$root.pristine" "$mirror" >"$root.debootstrap.log" 2>&1 \
        || { echo "test-install: debootstrap failed, see $root.debootstrap.log" >&2; exit 1; }
fi
cleanup() { umount -R "$root/proc" "$root/dev" "$root/sys" 2>/dev/null || true; }
cleanup
rm -rf "$root" && cp -a "$root.pristine" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"; mount --rbind /dev "$root/dev"; mount --rbind /sys "$root/sys"
trap cleanup EXIT
cp "$deb" "$root/tmp/"
name=$(basename "$deb")

say "Installing $name in a fresh Debian 12 root, then using it, then purging it"
chroot "$root" /bin/bash -euo pipefail -c "
    export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
    apt-get update -q >/dev/null
    apt-get install -y -q xvfb xauth >/dev/null            # only to take the screenshot
    find / -xdev -path /proc -prune -o -path /tmp -prune -o -print 2>/dev/null | sort >/tmp/before.txt
    apt-get install -y -q ./tmp/$name >/tmp/install.log || { tail -20 /tmp/install.log; exit 1; }
    dpkg -L sagascope | grep -v '^/\\.\\?\$' >/tmp/ours.txt   # every path the package installed
    echo '--- sagascope-cli validate'
    sagascope-cli validate /usr/share/sagascope/examples/order-checkout.saga
    sagascope-cli run /usr/share/sagascope/examples/order-checkout.saga --virtual-time --quiet
    echo '--- sagascope-demo-services, and the remote example against it'
    cd /tmp
    sagascope-demo-services --port 0 --db /tmp/demo.sqlite >/tmp/demo.out 2>&1 &
    demo=\$!
    for i in \$(seq 50); do grep -q '^listening on ' /tmp/demo.out && break; sleep 0.1; done
    base=\$(sed -n 's/^listening on //p' /tmp/demo.out | head -1)
    test -n \"\$base\" || { echo 'the demo services did not start:'; cat /tmp/demo.out; exit 1; }
    endpoints=()
    for service in orders inventory payments shipping loyalty; do endpoints+=(--endpoint \"\$service=\$base\"); done
    sagascope-cli run /usr/share/sagascope/examples/order-checkout-remote.saga \
        --input /usr/share/sagascope/examples/order-input.json \"\${endpoints[@]}\" --quiet
    kill \$demo; wait \$demo 2>/dev/null || true
    rm -f /tmp/demo.sqlite* /tmp/demo.out
    cd /
    echo '--- man pages, completion, desktop integration'
    for f in /usr/share/man/man1/sagascope.1.gz /usr/share/man/man1/sagascope-cli.1.gz \
             /usr/share/man/man1/sagascope-demo-services.1.gz /usr/bin/sagascope-demo-services \
             /usr/share/bash-completion/completions/sagascope-cli \
             /usr/share/applications/org.sagascope.Sagascope.desktop \
             /usr/share/metainfo/org.sagascope.Sagascope.metainfo.xml \
             /usr/share/icons/hicolor/scalable/apps/org.sagascope.Sagascope.svg; do
        test -s \$f || { echo \"missing: \$f\"; exit 1; }
    done
    grep -q 'application/x-sagascope+json:\*\.saga' /usr/share/mime/globs2 || { echo 'the MIME type is not registered'; exit 1; }
    grep -q 'application/x-sagascope+json=org.sagascope.Sagascope.desktop' /usr/share/applications/mimeinfo.cache \
        || { echo 'the launcher is not registered for .saga files'; exit 1; }
    echo '--- sagascope --screenshot'
    xvfb-run -a sagascope --screenshot /tmp/install-test.png --size 1280x800 \
        /usr/share/sagascope/examples/order-checkout.saga
    test -s /tmp/install-test.png
    echo '--- apt purge'
    apt-get purge -y -q sagascope >/dev/null
    apt-get autoremove --purge -y -q >/dev/null
    find / -xdev -path /proc -prune -o -path /tmp -prune -o -print 2>/dev/null | sort >/tmp/after.txt
    # What the package put there, or anything named after it, must be gone. Left alone: the
    # user's own settings under /root (dpkg never touches a home), and what the dependencies
    # that autoremove took away leave behind by Debian's rules (netbase's /etc files, dbus's and
    # systemd's run-time folders), which are not ours to remove.
    comm -13 /tmp/before.txt /tmp/after.txt | grep -v -e '^/var/cache/' -e '^/var/lib/apt/' -e '^/var/lib/dpkg/' \
        -e '^/var/log/' -e '^/root/' >/tmp/new.txt || true
    left=\$( (grep -i sagascope /tmp/new.txt; grep -Fx -f /tmp/ours.txt /tmp/new.txt) | sort -u || true)
    if [ -n \"\$left\" ]; then echo 'left behind after purge:'; echo \"\$left\"; exit 1; fi
    echo \"purge left nothing of the package behind (\$(wc -l </tmp/new.txt) files of its dependencies' remain, by their own rules)\"
"
mkdir -p "$here/build-package"
cp "$root/tmp/install-test.png" "$here/build-package/install-test.png"
say "Install test passed: $name (screenshot: build-package/install-test.png)"
