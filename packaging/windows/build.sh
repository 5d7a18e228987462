#!/usr/bin/env bash
# Cross-builds the Windows counter app, loket.exe, on Debian with mingw-w64:
# a GUI-subsystem PE32+ with Loket's icon, version information (numbers from
# FyneApp.toml, the text version from git) and an application manifest
# (per-monitor DPI awareness, asInvoker).
#
#   packaging/windows/build.sh [OUT]        (default dist/loket.exe)
#
# Environment (the top Makefile passes its own): GO, TAGS, VERSION, LDFLAGS.
# Run from the module root. Installs gcc-mingw-w64-x86-64 when missing.
#
# The resources are compiled by windres into a COFF object that the
# external linker (mingw gcc, already needed for cgo) links in, so nothing is
# written next to cmd/loket/main.go and an interrupted build leaves no stray
# .syso behind.
set -euo pipefail

out=${1:-dist/loket.exe}
GO=${GO:-go}
TAGS=${TAGS:-migrated_fynedo}
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
LDFLAGS=${LDFLAGS:--X main.version=$VERSION}

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
. "$here/../lib.sh"

CC=x86_64-w64-mingw32-gcc
WINDRES=x86_64-w64-mingw32-windres
command -v "$CC" >/dev/null 2>&1 && command -v "$WINDRES" >/dev/null 2>&1 ||
	need_apt gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
command -v "$GO" >/dev/null 2>&1 || { echo "Go 1.26 tidak ditemukan (diharapkan di /usr/local/go)." >&2; exit 1; }

name=$(toml_get Name); name=${name:-Loket}
id=$(toml_get ID); id=${id:-app.loket.desktop}
read -r v1 v2 v3 v4 <<<"$(numeric_version)"
# The commit year, not today's: the same commit builds the same resources.
year=$(git log -1 --format=%cd --date=format:%Y 2>/dev/null || date -u +%Y)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# rc strings double their quotes.
rcq() { printf '%s' "$1" | sed 's/"/""/g'; }

cat >"$work/loket.manifest" <<EOF
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0" xmlns:asmv3="urn:schemas-microsoft-com:asm.v3">
  <assemblyIdentity type="win32" name="$id" version="$v1.$v2.$v3.$v4" processorArchitecture="amd64"/>
  <description>$name</description>
  <dependency>
    <dependentAssembly>
      <assemblyIdentity type="win32" name="Microsoft.Windows.Common-Controls" version="6.0.0.0" processorArchitecture="*" publicKeyToken="6595b64144ccf1df" language="*"/>
    </dependentAssembly>
  </dependency>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
      <supportedOS Id="{1f676c76-80e1-4239-95bb-83d0f6d0da78}"/>
      <supportedOS Id="{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}"/>
      <supportedOS Id="{35138b9a-5d96-4fbd-8e2d-a2440225f93a}"/>
    </application>
  </compatibility>
  <asmv3:application>
    <asmv3:windowsSettings>
      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true/pm</dpiAware>
      <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">PerMonitorV2, PerMonitor</dpiAwareness>
    </asmv3:windowsSettings>
  </asmv3:application>
</assembly>
EOF

# Numeric constants instead of <winver.h>: VOS_NT_WINDOWS32 = 0x40004,
# VFT_APP = 1, VS_FF_PRERELEASE = 2 (set for -dirty and untagged builds).
flags=0
case $VERSION in *dirty* | dev | *-g*) flags=2 ;; esac
cp "$here/loket.ico" "$work/loket.ico"
cat >"$work/loket.rc" <<EOF
1 ICON "loket.ico"
1 24 "loket.manifest"

1 VERSIONINFO
FILEVERSION $v1,$v2,$v3,$v4
PRODUCTVERSION $v1,$v2,$v3,$v4
FILEFLAGSMASK 0x3f
FILEFLAGS $flags
FILEOS 0x40004
FILETYPE 1
FILESUBTYPE 0
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "042104B0"
    BEGIN
      VALUE "FileDescription", "$(rcq "$name")"
      VALUE "FileVersion", "$v1.$v2.$v3.$v4"
      VALUE "InternalName", "loket"
      VALUE "LegalCopyright", "(c) $year $(rcq "$name")"
      VALUE "OriginalFilename", "loket.exe"
      VALUE "ProductName", "$(rcq "$name")"
      VALUE "ProductVersion", "$(rcq "$VERSION")"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0421, 1200
  END
END
EOF
(cd "$work" && "$WINDRES" --input-format=rc --output-format=coff -i loket.rc -o rsrc.o)

mkdir -p "$(dirname "$out")"
echo "windows: building $out ($VERSION)" >&2
start=$(date +%s)
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$CC \
	"$GO" build -trimpath -tags "$TAGS" \
	-ldflags "$LDFLAGS -s -w -H=windowsgui -linkmode=external -extldflags=$work/rsrc.o" \
	-o "$out" ./cmd/loket
echo "windows: $out built in $(($(date +%s) - start)) s" >&2
