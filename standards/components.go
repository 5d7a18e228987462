package standards

import (
	"regexp"
	"strings"
)

// componentPatterns match a normalised component title (lower case, tags and
// trailing punctuation gone, "/ " folded to "/") to its canonical key. The
// documents spell every component several ways: "Jangka Waktu
// Pelayanan/Penyelesaian", "Waktu Penyelesaian", "Biaya/ tarif", a bare
// "Penanganan" cut off by a page break...
var componentPatterns = []struct {
	key string
	re  *regexp.Regexp
}{
	{KeyPersyaratan, regexp.MustCompile(`^persyaratan( (pelayanan|layanan|administrasi|teknis|dan ketentuan))*$`)},
	{KeyProsedur, regexp.MustCompile(`^(sistem,? )?(mekanisme,? )?(dan )?(prosedur|alur)( pelayanan| layanan)?$|^metode (penyampaian|pelayanan|layanan)( pelayanan| layanan)?$`)},
	{KeyJangkaWaktu, regexp.MustCompile(`^(jangka )?waktu( pelayanan| penyelesaian| layanan)*(/penyelesaian|/pelayanan)?( pelayanan| layanan)?$|^norma waktu( pelayanan| penyelesaian)?$|^jangka waktu( [a-z/]+){0,3}$`)},
	{KeyBiaya, regexp.MustCompile(`^(biaya|tarif)( ?/ ?(tarif|biaya))?( retribusi)?( pelayanan| layanan)?$`)},
	{KeyProduk, regexp.MustCompile(`^(spesifikasi )?(jenis )?produk( pelayanan| layanan)?$`)},
	{KeyPengaduan, regexp.MustCompile(`^penanganan( pengaduan.*)?$|^pengelolaan pengaduan.*$|^pengaduan( layanan)?(,? saran.*)?$`)},
	{KeyDasarHukum, regexp.MustCompile(`^dasar hukum( pelayanan)?$`)},
	{KeySarana, regexp.MustCompile(`^sarana,?( dan)? prasarana.*$|^sarana( dan/atau fasilitas)?$`)},
	{KeyKompetensi, regexp.MustCompile(`^kompetensi( pelaksana| petugas)?$`)},
	{KeyPengawasan, regexp.MustCompile(`^pengawasan( internal)?$`)},
	{KeyJumlahPelaksana, regexp.MustCompile(`^jumlah (pelaksana|petugas)$`)},
	{KeyJaminanPelayanan, regexp.MustCompile(`^jaminan pelayanan$`)},
	{KeyJaminanKeamanan, regexp.MustCompile(`^jaminan keamanan.*$`)},
	{KeyEvaluasi, regexp.MustCompile(`^evaluasi( kinerja)?( pelaksana)?$`)},
}

var reTitleNoise = regexp.MustCompile(`\s*/\s*`)

// componentKey returns the canonical key of a component title, or "" when the
// text is not a component title.
func componentKey(title string) string {
	if len(title) > 90 || title == "" {
		return ""
	}
	var t string
	if strings.ContainsAny(title, "<&*") {
		t = oneLine(title)
	} else {
		t = collapseSpaces(title)
	}
	t = strings.ToLower(strings.TrimLeft(t, "0123456789.) "))
	if !knownFirstWord(t) {
		return ""
	}
	t = strings.TrimRight(t, " :.")
	t = reTitleNoise.ReplaceAllString(t, "/")
	end := strings.IndexAny(t, " /,")
	if end < 0 {
		end = len(t)
	}
	for _, i := range patternsByFirstWord[t[:end]] {
		if p := componentPatterns[i]; p.re.MatchString(t) {
			return p.key
		}
	}
	return ""
}

// patternsByFirstWord sends a title to the only patterns that can match it,
// by its first word: componentKey runs on every line of a free-text
// document.
var patternsByFirstWord = map[string][]int{
	"persyaratan": {0},
	"sistem":      {1}, "mekanisme": {1}, "dan": {1}, "prosedur": {1}, "alur": {1}, "metode": {1},
	"jangka": {2}, "waktu": {2}, "norma": {2},
	"biaya": {3}, "tarif": {3},
	"produk": {4}, "spesifikasi": {4}, "jenis": {4},
	"penanganan": {5}, "pengelolaan": {5}, "pengaduan": {5},
	"dasar":      {6},
	"sarana":     {7},
	"kompetensi": {8},
	"pengawasan": {9},
	"jumlah":     {10},
	"jaminan":    {11, 12},
	"evaluasi":   {13},
}

var firstWords = []string{"persyaratan", "sistem", "mekanisme", "prosedur", "alur", "jangka", "waktu",
	"norma", "biaya", "tarif", "produk", "penanganan", "pengelolaan", "pengaduan", "dasar", "sarana",
	"kompetensi", "pengawasan", "jumlah", "jaminan", "evaluasi", "spesifikasi", "metode"}

// knownFirstWord is a cheap filter before the patterns: every component
// title starts with one of a few words.
func knownFirstWord(t string) bool {
	for _, w := range firstWords {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	return false
}

// startsWithTitleWord is knownFirstWord for text in any case, without
// allocating: the free-text reader asks it of every line.
func startsWithTitleWord(t string) bool {
	if t == "" {
		return false
	}
	if c := t[0] | 0x20; c < 'a' || c > 'z' {
		return false
	}
	for _, w := range firstWords {
		if len(t) >= len(w) && strings.EqualFold(t[:len(w)], w) {
			return true
		}
	}
	return false
}
