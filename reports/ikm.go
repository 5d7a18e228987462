package reports

import (
	"math"
)

// The satisfaction index (Indeks Kepuasan Masyarakat) of PermenPANRB
// 14/2017: visitors rate nine elements (unsur) on a 1..4 scale.

// IKMElement is one element of the questionnaire: its name, the question
// as asked and the four answers, worst first (score 1..4).
type IKMElement struct {
	Name     string
	Question string
	Answers  [4]string
}

// IKMElements are the nine elements in the order of the regulation.
var IKMElements = [9]IKMElement{
	{"Persyaratan", "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
		[4]string{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
	{"Sistem, mekanisme, dan prosedur", "Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?",
		[4]string{"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"}},
	{"Waktu penyelesaian", "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
		[4]string{"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"}},
	{"Biaya/tarif", "Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
		[4]string{"Sangat mahal", "Cukup mahal", "Murah", "Gratis"}},
	{"Produk spesifikasi jenis pelayanan", "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
		[4]string{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
	{"Kompetensi pelaksana", "Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
		[4]string{"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"}},
	{"Perilaku pelaksana", "Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
		[4]string{"Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"}},
	{"Penanganan pengaduan, saran, dan masukan", "Bagaimana pendapat Anda tentang penanganan pengaduan, saran, dan masukan di unit ini?",
		[4]string{"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"}},
	{"Sarana dan prasarana", "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
		[4]string{"Buruk", "Cukup", "Baik", "Sangat baik"}},
}

// IKMWeight is the weight of one element: 1/9 as the regulation writes it,
// to three decimals.
const IKMWeight = 0.111

// IKMResult is the index over a set of questionnaires.
type IKMResult struct {
	// Respondents counts questionnaires with at least one answer.
	Respondents int
	// Sum and Count per element: total score and answers given (skipped
	// questions are not counted).
	Sum   [9]int
	Count [9]int
	// NRR per element (Nilai Rata-Rata): Sum/Count, 0 with no answer.
	NRR [9]float64
	// Index is the sum of NRR x 0.111 (1..4 scale); Value is Index x 25
	// (the 25..100 conversion), rounded to two decimals as published.
	Index float64
	Value float64
	// Grade is A, B, C or D (mutu pelayanan); "" with no respondent.
	Grade string
}

// Complete tells whether every element has at least one answer; otherwise
// the index counts the unanswered elements as zero and says so on paper.
func (r IKMResult) Complete() bool {
	for _, c := range r.Count {
		if c == 0 {
			return false
		}
	}
	return true
}

// ComputeIKM computes the index of questionnaires given as score arrays
// (0 = not answered, 1..4). Scores outside 0..4 are ignored.
func ComputeIKM(answers [][9]int) IKMResult {
	var r IKMResult
	for _, a := range answers {
		any := false
		for i, v := range a {
			if v >= 1 && v <= 4 {
				r.Sum[i] += v
				r.Count[i]++
				any = true
			}
		}
		if any {
			r.Respondents++
		}
	}
	return r.finish()
}

func (r IKMResult) finish() IKMResult {
	r.Index = 0
	for i := range r.NRR {
		r.NRR[i] = 0
		if r.Count[i] > 0 {
			r.NRR[i] = float64(r.Sum[i]) / float64(r.Count[i])
		}
		r.Index += r.NRR[i] * IKMWeight
	}
	r.Value = math.Round(r.Index*25*100) / 100
	r.Grade = ""
	if r.Respondents > 0 {
		r.Grade = IKMGrade(r.Value)
	}
	return r
}

// Add merges another result into r (for totals over groups).
func (r IKMResult) Add(o IKMResult) IKMResult {
	r.Respondents += o.Respondents
	for i := range r.Sum {
		r.Sum[i] += o.Sum[i]
		r.Count[i] += o.Count[i]
	}
	return r.finish()
}

// IKMGrade is the quality grade (mutu pelayanan) of a converted value:
// A 88.31-100, B 76.61-88.30, C 65.00-76.60, D 25.00-64.99. The value is
// first rounded to two decimals, as it is published.
func IKMGrade(value float64) string {
	v := math.Round(value*100) / 100
	switch {
	case v >= 88.31:
		return "A"
	case v >= 76.61:
		return "B"
	case v >= 65.00:
		return "C"
	default:
		return "D"
	}
}

// IKMPerformance is the performance words of a grade (kinerja unit).
func IKMPerformance(grade string) string {
	switch grade {
	case "A":
		return "Sangat Baik"
	case "B":
		return "Baik"
	case "C":
		return "Kurang Baik"
	case "D":
		return "Tidak Baik"
	}
	return "-"
}
