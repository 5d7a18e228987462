package standards

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SLAResult is what ReduceSLA reads from a Jangka Waktu text.
type SLAResult struct {
	// Variants are the durations found, one per channel or tier.
	Variants []SLAVariant
	// Unreduced are the parts that name no duration: schedules ("sesuai
	// jadwal", "April s.d. November"), "disesuaikan dengan kebutuhan",
	// durations borrowed from another process. They are never guessed.
	Unreduced []string
	// Reducible is true when at least one duration was read.
	Reducible bool
}

// ReduceSLA reduces a Jangka Waktu text to durations. It reads digits and
// Indonesian number words ("tiga puluh hari kerja", "satu jam tiga puluh
// menit", "seratus dua puluh menit"), the seven units (menit, jam, jam kerja,
// hari kerja [efektif], hari, hari kalender, bulan), ranges ("1 s.d. 5",
// "sampai dengan", "hingga", "5 - 10", "2 jam hingga 1 hari kerja"),
// per-channel and per-tier lists ("a. Email: 120 menit b. Nadine: ..."),
// approximations ("kurang lebih", "sekitar", "±") and extensions ("dapat
// diperpanjang selama 7 hari kerja"). Plain "hari" stays Day: the document did
// not promise working days.
func ReduceSLA(text string) SLAResult {
	res := SLAResult{Variants: []SLAVariant{}, Unreduced: []string{}}
	text = strings.TrimSpace(text)
	if text == "" {
		return res
	}
	pre, items := splitOutline(text)
	if len(items) == 0 {
		reduceInto(&res, "", text, pre)
	} else {
		if pre != "" {
			vs, ok := reduceSegment(pre, "")
			if ok && len(vs) > 0 {
				res.Variants = append(res.Variants, vs...)
			} else if !strings.HasSuffix(pre, ":") {
				res.Unreduced = append(res.Unreduced, pre)
			}
		}
		var walk func(prefix string, its []*outlineItem)
		walk = func(prefix string, its []*outlineItem) {
			for _, it := range its {
				if len(it.Children) == 0 {
					reduceInto(&res, prefix, it.Own, it.Full)
					continue
				}
				vs, ok := reduceSegment(it.Own, "")
				label := joinLabel(prefix, itemLabel(it.Own))
				if ok && len(vs) > 0 {
					for _, v := range vs {
						v.Label = joinLabel(prefix, v.Label)
						if v.Label == prefix {
							v.Label = label
						}
						res.Variants = append(res.Variants, v)
					}
				}
				walk(label, it.Children)
			}
		}
		walk("", items)
	}
	res.Variants = dedupeVariants(res.Variants)
	if len(res.Variants) == 1 && len(res.Unreduced) == 0 {
		res.Variants[0].Label = ""
	}
	res.Reducible = len(res.Variants) > 0
	return res
}

func reduceInto(res *SLAResult, prefix, own, full string) {
	vs, ok := reduceSegment(own, "")
	if !ok || len(vs) == 0 {
		if full != "" {
			res.Unreduced = append(res.Unreduced, joinLabel(prefix, full))
		}
		return
	}
	for _, v := range vs {
		v.Label = joinLabel(prefix, v.Label)
		res.Variants = append(res.Variants, v)
	}
}

func joinLabel(prefix, label string) string {
	switch {
	case prefix == "":
		return label
	case label == "":
		return prefix
	}
	return prefix + " - " + label
}

// itemLabel names a list item that carries sub-items: its text up to a colon,
// or the whole (short) text.
func itemLabel(own string) string {
	if i := strings.IndexByte(own, ':'); i > 0 {
		return strings.TrimSpace(own[:i])
	}
	return shorten(strings.TrimSpace(own), 80)
}

func dedupeVariants(vs []SLAVariant) []SLAVariant {
	out := vs[:0]
	for _, v := range vs {
		dup := false
		for _, o := range out {
			if o.Label == v.Label && o.Min == v.Min && o.Max == v.Max && o.Approx == v.Approx {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

// irreducibleMarkers are phrases that tie the time to something outside the
// text: an event's schedule, the user's needs, another process.
var irreducibleMarkers = []string{
	"sesuai waktu pelaksanaan", "pada saat pelaksanaan", "sesuai jadwal", "sesuai dengan jadwal",
	"disesuaikan", "sesuai kebutuhan", "sesuai dengan kebutuhan", "sesuai surat tugas",
	"menggunakan waktu proses", "tergantung", "sesuai dengan kebijakan", "sesuai kebijakan",
	"sesuai permintaan", "menyesuaikan",
}

func hasIrreducibleMarker(s string) bool {
	l := strings.ToLower(s)
	for _, m := range irreducibleMarkers {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// reduceSegment reads the durations of one list item (or of a whole text
// without list structure). ok is false when the segment is irreducible.
func reduceSegment(text, _ string) ([]SLAVariant, bool) {
	sentences := splitSentences(text)
	var out []SLAVariant
	var ext *Quantity
	found := false
	for _, sen := range sentences {
		ds := findDurations(sen)
		var prim []duration
		for _, d := range ds {
			if d.extension {
				if ext == nil {
					q := d.max
					ext = &q
				}
				continue
			}
			prim = append(prim, d)
		}
		if found {
			continue
		}
		if len(prim) == 0 {
			if hasIrreducibleMarker(sen) {
				return nil, false
			}
			continue
		}
		found = true
		for k, d := range prim {
			v := SLAVariant{Min: d.min, Max: d.max, Approx: d.approx}
			if len(prim) > 1 {
				v.Label = durationLabel(sen, prim, k)
			} else if i := strings.IndexByte(sen[:d.start], ':'); i > 0 {
				v.Label = strings.TrimSpace(sen[:i])
			} else {
				v.Label = shorten(trimFiller(sen[:d.start]), 120)
				if v.Label == "" {
					v.Label = shorten(strings.TrimPrefix(strings.Trim(sen[d.end:], " ,;.:"), "untuk "), 120)
				}
			}
			out = append(out, v)
		}
		if len(out) > 1 && allSame(out) {
			out = out[:1]
			out[0].Label = ""
		}
	}
	if !found {
		return nil, false
	}
	if ext != nil {
		for i := range out {
			q := *ext
			out[i].Extension = &q
		}
	}
	return out, true
}

func allSame(vs []SLAVariant) bool {
	for _, v := range vs[1:] {
		if v.Min != vs[0].Min || v.Max != vs[0].Max || v.Approx != vs[0].Approx {
			return false
		}
	}
	return true
}

// fillerWords are the words between a label and its duration that say
// nothing about the tier: "diselesaikan selambat-lambatnya", "dalam waktu
// paling lama", "selama maksimal"...
var fillerWords = map[string]bool{
	"diselesaikan": true, "dalam": true, "waktu": true, "paling": true, "lama": true, "lambat": true,
	"selama": true, "maksimal": true, "maksimum": true, "selambat-lambatnya": true, "kurang": true,
	"lebih": true, "sekitar": true, "dilakukan": true, "adalah": true, "yaitu": true, "kurun": true,
	"dibutuhkan": true, "sehingga": true, "dilaksanakan": true, "ditanggapi": true, "dipenuhi": true,
}

// trimFiller drops filler words from the end of the text before a duration.
func trimFiller(s string) string {
	f := strings.Fields(strings.Trim(s, " ,;.:"))
	for len(f) > 0 && fillerWords[strings.ToLower(strings.Trim(f[len(f)-1], ",;."))] {
		f = f[:len(f)-1]
	}
	return strings.Trim(strings.Join(f, " "), " ,;.:")
}

// durationLabel names one of several durations in one sentence ("8 hari
// kerja untuk penyelesaian gaji induk 4 hari kerja untuk ..."): the words
// after it up to the next duration, or before it when there are none.
func durationLabel(sen string, ds []duration, k int) string {
	end := len(sen)
	if k+1 < len(ds) {
		end = ds[k+1].start
	}
	after := strings.TrimSpace(sen[ds[k].end:end])
	after = strings.Trim(after, " ,;.:")
	after = strings.TrimPrefix(after, "untuk ")
	if after != "" {
		return shorten(after, 80)
	}
	start := 0
	if k > 0 {
		start = ds[k-1].end
	}
	return shorten(trimFiller(sen[start:ds[k].start]), 80)
}

// splitSentences breaks a segment at line ends and at full stops followed by
// a capitalised word.
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		cut := -1
		if c == '\n' {
			cut = i
		} else if c == '.' && i+2 < len(s) && s[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.IsUpper(r) {
				cut = i + 1
			}
		}
		if cut >= 0 {
			if t := strings.TrimSpace(s[start:cut]); t != "" {
				out = append(out, t)
			}
			start = cut + 1
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

type tokKind int

const (
	tWord tokKind = iota
	tNum
	tPunct
	tConn // s.d., s/d
)

type token struct {
	kind       tokKind
	text       string // lower case
	val        float64
	start, end int
}

type duration struct {
	min, max   Quantity
	approx     bool
	extension  bool
	start, end int // byte offsets in the sentence
}

func tokenize(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += sz
		case r >= '0' && r <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			v := float64(atoiLimited(s[i:j]))
			if j+1 < len(s) && (s[j] == ',' || s[j] == '.') && s[j+1] >= '0' && s[j+1] <= '9' {
				k := j + 1
				for k < len(s) && s[k] >= '0' && s[k] <= '9' {
					k++
				}
				frac := s[j+1 : k]
				if s[j] == '.' && len(frac) == 3 {
					v = v*1000 + float64(atoiLimited(frac))
				} else {
					d := 1.0
					f := 0.0
					for _, c := range frac {
						d /= 10
						f += float64(c-'0') * d
					}
					v += f
				}
				j = k
			}
			toks = append(toks, token{kind: tNum, val: v, start: i, end: j, text: s[i:j]})
			i = j
		case unicode.IsLetter(r):
			if n := connAt(s, i); n > 0 {
				toks = append(toks, token{kind: tConn, text: "s.d.", start: i, end: i + n})
				i += n
				continue
			}
			j := i
			for j < len(s) {
				r2, sz2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += sz2
			}
			toks = append(toks, token{kind: tWord, text: strings.ToLower(s[i:j]), start: i, end: j})
			i = j
		default:
			toks = append(toks, token{kind: tPunct, text: s[i : i+sz], start: i, end: i + sz})
			i += sz
		}
	}
	return foldNumberWords(toks)
}

func atoiLimited(s string) int {
	v := 0
	for i := 0; i < len(s) && i < 12; i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// connAt recognises the range connector "s.d.", "s.d", "s/d" or "sd" at
// the start of a word at i and returns its length.
func connAt(s string, i int) int {
	if s[i] != 's' && s[i] != 'S' {
		return 0
	}
	j := i + 1
	if j < len(s) && (s[j] == '.' || s[j] == '/') {
		j++
	}
	if j >= len(s) || (s[j] != 'd' && s[j] != 'D') {
		return 0
	}
	j++
	if j < len(s) && s[j] == '.' {
		j++
	}
	if j < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsLetter(r) {
			return 0
		}
	}
	return j - i
}

// foldNumberWords turns runs of number words into number tokens and drops
// the spelled-out repetition after a digit ("10 (sepuluh)").
func foldNumberWords(toks []token) []token {
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.kind == tWord {
			if t.text == "setengah" {
				out = append(out, token{kind: tNum, val: 0.5, start: t.start, end: t.end, text: t.text})
				i++
				continue
			}
			if _, ok := unitWords[t.text]; ok || strings.HasPrefix(t.text, "se") || t.text == "nol" {
				j := i
				var words []string
				for j < len(toks) && toks[j].kind == tWord && j-i < 12 {
					words = append(words, toks[j].text)
					j++
				}
				if v, n := numberPrefix(words); n > 0 {
					out = append(out, token{kind: tNum, val: float64(v), start: t.start, end: toks[i+n-1].end, text: "#"})
					i += n
					continue
				}
			}
		}
		out = append(out, t)
		i++
	}
	// drop "(sepuluh)" after "10"
	res := out[:0]
	for i := 0; i < len(out); i++ {
		if i > 0 && out[i].kind == tPunct && out[i].text == "(" && res[len(res)-1].kind == tNum &&
			i+2 < len(out) && out[i+1].kind == tNum && out[i+2].kind == tPunct && out[i+2].text == ")" {
			i += 2
			continue
		}
		res = append(res, out[i])
	}
	return res
}

// unitAt reads a duration unit at toks[j], returning it and the tokens used.
func unitAt(toks []token, j int) (Unit, int) {
	if j >= len(toks) || toks[j].kind != tWord {
		return "", 0
	}
	next := func(k int) string {
		if j+k < len(toks) && toks[j+k].kind == tWord {
			return toks[j+k].text
		}
		return ""
	}
	switch toks[j].text {
	case "menit", "mnt":
		return Minute, 1
	case "jam":
		if next(1) == "kerja" {
			return WorkHour, 2
		}
		return Hour, 1
	case "hari":
		switch next(1) {
		case "kerja":
			if next(2) == "efektif" {
				return WorkDay, 3
			}
			return WorkDay, 2
		case "kalender":
			return CalendarDay, 2
		}
		return Day, 1
	case "bulan":
		return Month, 1
	case "minggu", "pekan":
		// a week is written as 7 plain days (weekFactor); "minggu" is
		// never assumed to mean five working days
		return Day, 1
	}
	return "", 0
}

// weekFactor is 7 when the unit at toks[j] is a week ("minggu", "pekan"),
// which ReduceSLA reports as 7 day per week.
func weekFactor(toks []token, j int) float64 {
	if j < len(toks) && toks[j].kind == tWord && (toks[j].text == "minggu" || toks[j].text == "pekan") {
		return 7
	}
	return 1
}

// connectorAt reads a range connector at toks[j].
func connectorAt(toks []token, j int) int {
	if j >= len(toks) {
		return 0
	}
	t := toks[j]
	switch {
	case t.kind == tConn:
		return 1
	case t.kind == tPunct && (t.text == "-" || t.text == "–" || t.text == "—"):
		return 1
	case t.kind == tWord && t.text == "hingga":
		return 1
	case t.kind == tWord && t.text == "sampai":
		if j+1 < len(toks) && toks[j+1].kind == tWord && (toks[j+1].text == "dengan" || toks[j+1].text == "dgn") {
			return 2
		}
		return 1
	}
	return 0
}

var notDurationBefore = map[string]bool{
	"pukul": true, "jam": true, "tanggal": true, "nomor": true, "no": true, "pasal": true,
	"ayat": true, "tahun": true, "angka": true, "huruf": true, "lantai": true,
}

func findDurations(sen string) []duration {
	toks := tokenize(sen)
	var out []duration
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tNum {
			continue
		}
		if i > 0 && toks[i-1].kind == tWord && notDurationBefore[toks[i-1].text] {
			continue
		}
		if i > 0 && toks[i-1].kind == tPunct && (toks[i-1].text == "/" || toks[i-1].text == ".") &&
			!(toks[i-1].text == "." && i > 1 && toks[i-2].kind == tWord && toks[i].start > toks[i-1].end) {
			// "1.5" and "3/4" are not durations; "Maks. 5 bulan" is
			continue
		}
		q1 := toks[i].val
		j := i + 1
		if j+1 < len(toks) && toks[j].kind == tWord && toks[j].text == "x" && toks[j+1].kind == tNum {
			if u, _ := unitAt(toks, j+2); u != "" {
				q1 *= toks[j+1].val
				j += 2
			}
		}
		u1, n1 := unitAt(toks, j)
		q1 *= weekFactor(toks, j)
		j += n1
		d := duration{start: toks[i].start}
		if c := connectorAt(toks, j); c > 0 && j+c < len(toks) && toks[j+c].kind == tNum {
			k := j + c
			u2, n2 := unitAt(toks, k+1)
			if u2 != "" {
				if u1 == "" {
					u1 = u2
				}
				if n1 == 0 {
					q1 *= weekFactor(toks, k+1)
				}
				d.min = Quantity{q1, u1}
				d.max = Quantity{toks[k].val * weekFactor(toks, k+1), u2}
				d.end = toks[k+n2].end
				d.approx = approxBefore(toks, i)
				d.extension = extensionBefore(toks, i)
				out = append(out, d)
				i = k + n2
				continue
			}
		}
		if u1 == "" {
			continue
		}
		d.min = Quantity{q1, u1}
		d.end = toks[j-1].end
		if (u1 == Hour || u1 == WorkHour) && j < len(toks) && toks[j].kind == tNum {
			if u2, n2 := unitAt(toks, j+1); u2 == Minute {
				d.min = Quantity{q1*60 + toks[j].val, Minute}
				d.end = toks[j+n2].end
				j += 1 + n2
			}
		}
		if j < len(toks) && toks[j].kind == tWord && toks[j].text == "sebelum" {
			// "1 hari sebelum pelaksanaan kegiatan" is a deadline set by
			// the event's date, not a service duration
			i = j - 1
			continue
		}
		d.max = d.min
		d.approx = approxBefore(toks, i)
		if !d.approx && i > 0 && toks[i-1].kind == tWord && toks[i-1].text == "kisaran" {
			d.approx = true
		}
		d.extension = extensionBefore(toks, i)
		out = append(out, d)
		i = j - 1
	}
	return out
}

func approxBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := toks[k]
		switch {
		case t.text == "±" || t.text == "sekitar" || t.text == "kira" || t.text == "lebih kurang":
			return true
		case t.text == "lebih" && k > 0 && toks[k-1].text == "kurang":
			return true
		case t.text == "kurang" && k > 0 && toks[k-1].text == "lebih":
			return true
		case t.kind == tNum:
			return false
		}
	}
	return false
}

func extensionBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		t := toks[k]
		if t.kind == tNum {
			return false
		}
		if t.kind == tWord && (strings.HasPrefix(t.text, "diperpanjang") || strings.HasPrefix(t.text, "perpanjangan") || t.text == "memperpanjang") {
			return true
		}
	}
	return false
}
