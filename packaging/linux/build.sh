#!/usr/bin/env bash
# Builds the Linux package of Loket: dist/loket-linux-ARCH.tar.xz with
#
#   loket-VERSION-linux-ARCH/
#     install.sh, Makefile                 sudo ./install.sh  |  sudo make install
#     usr/local/bin/loket
#     usr/local/share/applications/loket.desktop
#     usr/local/share/pixmaps/loket.png
#     usr/local/share/icons/hicolor/{16x16..512x512,scalable}/apps/loket.{png,svg}
#
#   packaging/linux/build.sh [OUT]   (default dist/loket-linux-$(go env GOARCH).tar.xz)
#
# Environment (the top Makefile passes its own): GO, TAGS, VERSION, LDFLAGS.
# Run from the module root. Installs cgo and Fyne's build dependencies and
# xz-utils when missing.
set -euo pipefail

GO=${GO:-go}
TAGS=${TAGS:-migrated_fynedo}
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
LDFLAGS=${LDFLAGS:--X main.version=$VERSION}

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

# The same list as BUILD_DEPS in the top Makefile, plus xz for the archive.
need_apt gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev libwayland-dev xz-utils
command -v "$GO" >/dev/null 2>&1 || { echo "Go 1.26 tidak ditemukan (diharapkan di /usr/local/go)." >&2; exit 1; }

arch=$("$GO" env GOARCH)
out=${1:-dist/loket-linux-$arch.tar.xz}
top=loket-$VERSION-linux-$arch

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/$top
mkdir -p "$root/usr/local/bin" "$root/usr/local/share/applications"

echo "linux: building $out ($VERSION)" >&2
start=$(date +%s)
CGO_ENABLED=1 "$GO" build -trimpath -tags "$TAGS" -ldflags "$LDFLAGS -s -w" \
	-o "$work/loket.build" ./cmd/loket
install -m 755 "$work/loket.build" "$root/usr/local/bin/loket"
"$GO" run ./packaging/icon -linux-prefix "$root/usr/local"
install -m 644 "$here/loket.desktop" "$root/usr/local/share/applications/loket.desktop"
install -m 755 "$here/install.sh" "$root/install.sh"
install -m 644 "$here/Makefile" "$root/Makefile"

mkdir -p "$(dirname "$out")"
# Sorted names, fixed owner and the commit's time: the same commit gives the
# same archive.
mtime=$(git log -1 --format=%cI 2>/dev/null || date -u +%FT%TZ)
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" \
	-cf - "$top" | xz -T0 -6 >"$out.tmp"
mv "$out.tmp" "$out"
echo "linux: $out built in $(($(date +%s) - start)) s ($(du -h "$out" | cut -f1))" >&2
