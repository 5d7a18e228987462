#!/usr/bin/env bash
# Smoke test of the Windows build: cross-build loket.exe, then check that it
# is a PE32+ x86-64 GUI executable (no console window) with icon, version
# information and manifest, and that the git version reached the binary.
#
#   packaging/smoke_windows.sh [EXE]     (default dist/loket.exe)
#
# The first cgo build of Fyne for Windows takes minutes on a 2-core machine;
# CI may skip this (set LOKET_SKIP_WINDOWS_SMOKE=1).
set -euo pipefail

if [ "${LOKET_SKIP_WINDOWS_SMOKE:-}" = 1 ]; then
	echo "windows-smoke: skipped (LOKET_SKIP_WINDOWS_SMOKE=1)"
	exit 0
fi

exe=${1:-dist/loket.exe}
GO=${GO:-go}
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
export GO VERSION

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

bash "$here/windows/build.sh" "$exe"

fail=0
need_apt file
desc=$(file -b "$exe")
echo "file: $desc"
case $desc in
*"PE32+ executable (GUI) x86-64"*) ;;
*) echo "windows-smoke: FAIL: file says \"$desc\", want PE32+ executable (GUI) x86-64" >&2; fail=1 ;;
esac

"$GO" run ./packaging/pecheck -version "$VERSION" "$exe" || fail=1

# -X main.version=... must have reached the binary (it prints in `loket help`
# and goes out with the nightly sync). -trimpath keeps ldflags out of the
# build info, so look for the string itself.
if LC_ALL=C grep -qaF -- "$VERSION" "$exe"; then
	echo "main.version: $VERSION found in $exe"
else
	echo "windows-smoke: FAIL: version string $VERSION not in $exe" >&2
	fail=1
fi

if [ "$fail" = 0 ]; then
	echo "windows-smoke: ok ($(du -h "$exe" | cut -f1) $exe)"
fi
exit "$fail"
