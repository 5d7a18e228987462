# Shared helpers for the packaging scripts (sourced, not run).

# as_root runs a command as root: directly when we are root, else via sudo.
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# need_apt PKG... installs the Debian packages that are not installed yet,
# refreshing the package lists first (a fresh machine has none).
need_apt() {
	missing=""
	for p in "$@"; do
		dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "packaging: installing$missing" >&2
	as_root apt-get update
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
}

# toml_get KEY reads a string or number from FyneApp.toml's [Details] table.
toml_get() {
	awk -v key="$1" '
		/^\[/ { details = ($0 == "[Details]") ; next }
		details {
			line = $0
			if (match(line, "^[ \t]*" key "[ \t]*=")) {
				v = substr(line, RLENGTH + 1)
				sub(/^[ \t]*/, "", v); sub(/[ \t]*(#.*)?$/, "", v)
				gsub(/^"|"$/, "", v)
				print v; exit
			}
		}' FyneApp.toml
}

# numeric_version prints FyneApp.toml's Version and Build as the four
# numbers Windows wants (0.1.0 + Build 1 -> 0 1 0 1).
numeric_version() {
	v=$(toml_get Version); b=$(toml_get Build)
	IFS=. read -r a c d _ <<EOF
$v
EOF
	echo "${a:-0} ${c:-0} ${d:-0} ${b:-0}" | awk '{ for (i = 1; i <= 4; i++) $i += 0; print }'
}
