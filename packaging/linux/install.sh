#!/bin/sh
# Loket for Linux: install or remove the files of this package.
#
#   sudo ./install.sh                    into /usr/local (the default)
#   sudo PREFIX=/opt/loket ./install.sh
#   sudo ./install.sh --uninstall
#
# Only the program, its menu entry and its icons are installed. The office
# data stays in each user's ~/.config/Loket and is never touched here.
set -eu

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
cd "$(dirname "$0")"
files=$(cd usr/local && find bin share -type f | sort)

refresh() {
	gtk-update-icon-cache -q -t "$DESTDIR$PREFIX/share/icons/hicolor" 2>/dev/null || true
	update-desktop-database -q "$DESTDIR$PREFIX/share/applications" 2>/dev/null || true
}

case ${1:-install} in
install)
	for f in $files; do
		mode=644
		[ "$f" = bin/loket ] && mode=755
		install -D -m "$mode" "usr/local/$f" "$DESTDIR$PREFIX/$f"
	done
	if [ "$PREFIX" != /usr/local ]; then
		sed -i "s|^Exec=loket|Exec=$PREFIX/bin/loket|" "$DESTDIR$PREFIX/share/applications/loket.desktop"
	fi
	refresh
	echo "Loket terpasang: $DESTDIR$PREFIX/bin/loket"
	;;
--uninstall | uninstall)
	for f in $files; do rm -f "$DESTDIR$PREFIX/$f"; done
	refresh
	echo "Loket dihapus dari $DESTDIR$PREFIX. Data kantor di ~/.config/Loket tetap ada."
	;;
*)
	echo "pemakaian: $0 [install|--uninstall]" >&2
	exit 2
	;;
esac
