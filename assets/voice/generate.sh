#!/bin/sh
# generate.sh rebuilds the spoken-call clips embedded by package assets
# (assets/voice.go) and played by package voice.
#
# Requirements: espeak-ng (Indonesian voice "id") and sox.
# Run from anywhere:  sh assets/voice/generate.sh
#
# Every clip is written as mono, 22050 Hz, 16-bit PCM WAV, leading and
# trailing silence trimmed, peak-normalised and faded at both ends so that
# clips butt together without clicks. sox runs with -D (no dither) and the
# chime is pure synthesis, so reruns on the same espeak-ng/sox versions give
# byte-identical files.
#
# The clip names are the contract with voice/words.go: change both together.
set -eu

DIR=$(cd "$(dirname "$0")" && pwd)
RATE=22050
SPEED=${SPEED:-140}   # words per minute; espeak-ng's default 175 is hurried for a hall
PITCH=${PITCH:-45}

for tool in espeak-ng sox; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "generate.sh: $tool not found (Debian: apt-get install espeak-ng sox)" >&2
		exit 1
	}
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# Post-processing shared by every spoken clip.
finish() { # in out
	sox -D "$1" -r "$RATE" -c 1 -b 16 -e signed-integer "$2" \
		silence 1 0.005 0.2% reverse silence 1 0.005 0.2% \
		fade q 0.015 reverse fade q 0.005 norm -1
}

# say NAME INPUT: INPUT is plain text or espeak-ng phoneme input in [[...]].
say() {
	espeak-ng -v id -s "$SPEED" -p "$PITCH" -w "$TMP/raw.wav" "$2"
	finish "$TMP/raw.wav" "$DIR/$1.wav"
	echo "$1.wav"
}

# Every spoken clip comes from clips.tsv (name, words, input, phonemes; see
# its header): the phrases, the number pieces that build every number from
# 0 to 9999, and the letter names as Indonesians spell them (a, be, ce ...).
TAB=$(printf '\t')
grep -v '^#' "$DIR/clips.tsv" | while IFS="$TAB" read -r name words input _phonemes; do
	[ -n "$name" ] || continue
	if [ "$input" = "=" ]; then
		input=$words
	fi
	say "$name" "$input"
done

# Chime: a two-tone "ding-dong" (E5 then C5) with a soft octave partial and a
# bell-like logarithmic decay; the second tone enters 0.45 s after the first.
# The mix is normalised, its inaudible tail (below 1% of full scale) cut so
# that no dead air sits between the chime and the words, and it gets a 4 ms
# fade-in (no click) and a 60 ms fade-out. The reverse pair only trims the
# end: the chime plays forwards, ringing and decaying, never swelling.
tone() { # freq octave out
	sox -D -n -r "$RATE" -c 1 -b 16 "$TMP/f.wav" synth 1.1 sine "$1" fade l 0.004 1.1 1.05
	sox -D -n -r "$RATE" -c 1 -b 16 "$TMP/o.wav" synth 0.6 sine "$2" fade l 0.004 0.6 0.58 pad 0 0.5
	sox -D -m -v 0.8 "$TMP/f.wav" -v 0.2 "$TMP/o.wav" "$3"
}
tone 659.25 1318.51 "$TMP/ding.wav"
tone 523.25 1046.50 "$TMP/dong0.wav"
sox -D "$TMP/dong0.wav" "$TMP/dong.wav" pad 0.45 0
sox -D -m "$TMP/ding.wav" "$TMP/dong.wav" -r "$RATE" -c 1 -b 16 -e signed-integer "$TMP/mix.wav" \
	norm -3 reverse silence 1 0.01 1% reverse
# A second pass: fade needs the length, which silence leaves unknown.
sox -D "$TMP/mix.wav" "$DIR/chime.wav" fade q 0.004 -0 0.06
echo chime.wav
