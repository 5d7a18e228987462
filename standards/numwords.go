package standards

import "strings"

var unitWords = map[string]int64{
	"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
	"enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}

var scaleWords = map[string]int64{
	"ribu": 1_000, "juta": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000,
	"triliun": 1_000_000_000_000,
}

// seScales are the "se-" forms that stand for "one <scale>".
var seScales = map[string]int64{
	"seribu": 1_000, "sejuta": 1_000_000, "semiliar": 1_000_000_000, "semilyar": 1_000_000_000,
}

// ParseNumberWords reads a number written in Indonesian words, such as
// "tiga puluh", "seratus dua puluh", "dua ribu dua puluh enam" or "sebelas".
// The whole string must be a number; case and extra spaces do not matter.
// It reports false for anything else, including digits.
func ParseNumberWords(s string) (int, bool) {
	toks := strings.Fields(strings.ToLower(s))
	if len(toks) == 0 {
		return 0, false
	}
	v, n := numberPrefix(toks)
	if n != len(toks) {
		return 0, false
	}
	return int(v), true
}

// numberPrefix reads the longest run of tokens at the start of toks that forms
// one Indonesian number and returns its value and the number of tokens used
// (0 when toks does not start with a number).
func numberPrefix(toks []string) (int64, int) {
	if len(toks) > 0 && toks[0] == "nol" {
		return 0, 1
	}
	var total int64
	used := 0
	lastScale := int64(1) << 62
	for used < len(toks) {
		if s, ok := seScales[toks[used]]; ok {
			if s >= lastScale {
				break
			}
			total += s
			lastScale = s
			used++
			continue
		}
		g, n := groupPrefix(toks[used:])
		if n == 0 {
			break
		}
		scale := int64(1)
		if used+n < len(toks) {
			if s, ok := scaleWords[toks[used+n]]; ok {
				scale = s
			}
		}
		if scale >= lastScale {
			break
		}
		if scale > 1 {
			n++
		}
		total += g * scale
		lastScale = scale
		used += n
		if scale == 1 {
			break
		}
	}
	return total, used
}

// groupPrefix reads a number below one thousand: [hundreds] [tens] [units].
func groupPrefix(toks []string) (int64, int) {
	var v int64
	i := 0
	peek := func(k int) string {
		if i+k < len(toks) {
			return toks[i+k]
		}
		return ""
	}
	// hundreds
	if peek(0) == "seratus" {
		v += 100
		i++
	} else if u, ok := unitWords[peek(0)]; ok && peek(1) == "ratus" {
		v += u * 100
		i += 2
	}
	// tens
	teen := false
	switch w := peek(0); {
	case w == "sepuluh":
		v += 10
		i++
		teen = true
	case w == "sebelas":
		v += 11
		i++
		teen = true
	default:
		if u, ok := unitWords[w]; ok {
			switch peek(1) {
			case "belas":
				v += 10 + u
				i += 2
				teen = true
			case "puluh":
				v += u * 10
				i += 2
			}
		}
	}
	// units
	if !teen {
		if u, ok := unitWords[peek(0)]; ok {
			nx := peek(1)
			if nx != "ratus" && nx != "puluh" && nx != "belas" {
				v += u
				i++
			}
		}
	}
	return v, i
}
