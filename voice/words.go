// Package voice speaks queue calls in Bahasa Indonesia, fully offline:
// "ding-dong, nomor antrean A seratus dua puluh tiga, silakan ke loket dua".
//
// A call is a sequence of short pre-recorded clips (see assets/voice and its
// generate.sh): a chime, two phrases, the Indonesian letter names and a small
// set of number pieces from which every number 0..9999 is built. Words and
// CallSequence choose the clips, Render joins them into one WAV, and an
// Announcer plays calls one after another through a Player.
package voice

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clip names shared by CallSequence, Render and assets/voice/generate.sh.
const (
	// ClipChime is the two-tone attention signal that opens every call.
	ClipChime = "chime"
	// ClipNomorAntrean says "nomor antrean" (queue number).
	ClipNomorAntrean = "nomor_antrean"
	// ClipSilakanKeLoket says "silakan ke loket" (please go to counter).
	ClipSilakanKeLoket = "silakan_ke_loket"
)

// MaxNumber is the largest number Words can say; ticket and counter numbers
// above it are rejected because the clip set has no "puluh ribu".
const MaxNumber = 9999

var digitClips = [10]string{"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"}

// letterClips maps 'A'..'Z' to clip names; the clips say the Indonesian
// letter names (a, be, ce, de, e, ef, ge, ha, i, je, ka, el, em, en, o, pe,
// ki, er, es, te, u, ve, we, eks, ye, zet). A clip is named by its lower-case
// letter so the assets directory reads like the alphabet.
func letterClip(r rune) string { return string(r - 'A' + 'a') }

// Clips lists every clip name a call can contain, in no particular order;
// the assets test checks each one is embedded.
func Clips() []string {
	out := []string{ClipChime, ClipNomorAntrean, ClipSilakanKeLoket}
	out = append(out, digitClips[:]...)
	out = append(out, "sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus", "seribu", "ribu")
	for r := 'A'; r <= 'Z'; r++ {
		out = append(out, letterClip(r))
	}
	return out
}

// Words returns the clip names that say n in Indonesian, e.g. 123 gives
// [seratus dua puluh tiga] and 1011 gives [seribu sebelas]. Indonesian
// fuses "satu" into the prefix "se-" for 10, 11, 100 and 1000, which is why
// seratus and seribu are clips of their own. It returns nil when n is outside
// 0..MaxNumber.
func Words(n int) []string {
	if n < 0 || n > MaxNumber {
		return nil
	}
	if n == 0 {
		return []string{"nol"}
	}
	var w []string
	scale := func(count int, se, unit string) {
		switch {
		case count == 1:
			w = append(w, se)
		case count > 1:
			w = append(w, digitClips[count], unit)
		}
	}
	scale(n/1000, "seribu", "ribu")
	scale(n/100%10, "seratus", "ratus")
	switch r := n % 100; {
	case r == 0:
	case r < 10:
		w = append(w, digitClips[r])
	case r == 10:
		w = append(w, "sepuluh")
	case r == 11:
		w = append(w, "sebelas")
	case r < 20:
		w = append(w, digitClips[r%10], "belas")
	default:
		w = append(w, digitClips[r/10], "puluh")
		if r%10 != 0 {
			w = append(w, digitClips[r%10])
		}
	}
	return w
}

// Spell returns the clips that say a ticket or counter label: runs of letters
// are spelled letter by letter and runs of digits are said as one number,
// leading zeros dropped ("B007" says be tujuh, "2" says dua, "A-12" says a
// dua belas). Spaces, '-', '.', '/' and '_' only separate runs. Anything else,
// or a number above MaxNumber, is an error, as is a label with nothing to say.
func Spell(label string) ([]string, error) {
	w, err := spell(label)
	if err != nil {
		return nil, fmt.Errorf("voice: %w", err)
	}
	return w, nil
}

// spell is Spell with errors unprefixed, so CallSequence can say which label
// failed without repeating "voice:".
func spell(label string) ([]string, error) {
	label = strings.ToUpper(strings.TrimSpace(label))
	var out []string
	for i := 0; i < len(label); {
		c := label[i]
		switch {
		case c >= 'A' && c <= 'Z':
			out = append(out, letterClip(rune(c)))
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(label) && label[j] >= '0' && label[j] <= '9' {
				j++
			}
			digits := strings.TrimLeft(label[i:j], "0")
			n := 0
			if digits != "" {
				if len(digits) > 4 {
					return nil, fmt.Errorf("%q: number %s is above %d", label, label[i:j], MaxNumber)
				}
				n, _ = strconv.Atoi(digits) // at most four ASCII digits
			}
			out = append(out, Words(n)...)
			i = j
		case strings.IndexByte(" -./_", c) >= 0:
			i++
		default:
			r, _ := utf8.DecodeRuneInString(label[i:])
			return nil, fmt.Errorf("%q: cannot say character %q", label, r)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%q: nothing to say", label)
	}
	return out, nil
}

// CallSequence returns the ordered clips of one call: the chime, "nomor
// antrean", the spelled ticket, "silakan ke loket" and the spelled counter.
// CallSequence("A123", "2") gives
//
//	[chime nomor_antrean a seratus dua puluh tiga silakan_ke_loket dua]
//
// The counter is a label like the ticket ("2", "3A"); pass strconv.Itoa(n)
// for a numbered loket. A leading word "Loket" is dropped ("Loket 4" says
// empat) because the phrase already says it. Errors come from Spell.
func CallSequence(ticket, counter string) ([]string, error) {
	if c := strings.TrimSpace(counter); len(c) >= 5 && strings.EqualFold(c[:5], "loket") &&
		(len(c) == 5 || !unicode.IsLetter(rune(c[5]))) {
		counter = c[5:]
	}
	t, err := spell(ticket)
	if err != nil {
		return nil, fmt.Errorf("voice: ticket: %w", err)
	}
	c, err := spell(counter)
	if err != nil {
		return nil, fmt.Errorf("voice: counter: %w", err)
	}
	seq := make([]string, 0, 3+len(t)+len(c))
	seq = append(seq, ClipChime, ClipNomorAntrean)
	seq = append(seq, t...)
	seq = append(seq, ClipSilakanKeLoket)
	return append(seq, c...), nil
}
