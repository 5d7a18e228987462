package reports

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestComputeIKMWorkedExamples(t *testing.T) {
	t.Run("three respondents, every element answered", func(t *testing.T) {
		// Element scores of three visitors:
		//   U1: 4+3+4 = 11 / 3 = 3.6667   U2: 3+3+3 = 9 / 3 = 3
		//   U3: 2+3+4 = 9 / 3 = 3         U4: 4+4+4 = 12 / 3 = 4
		//   U5: 3+3+4 = 10 / 3 = 3.3333   U6: 4+4+3 = 11 / 3 = 3.6667
		//   U7: 4+4+4 = 12 / 3 = 4        U8: 3+2+3 = 8 / 3 = 2.6667
		//   U9: 3+3+3 = 9 / 3 = 3
		// Sum of NRR = 3.6667+3+3+4+3.3333+3.6667+4+2.6667+3 = 30.3333
		// (exactly 91/3). Index = 91/3 x 0.111 = 3.367;
		// value = 3.367 x 25 = 84.175 -> 84.18: grade B (76.61-88.30).
		r := ComputeIKM([][9]int{
			{4, 3, 2, 4, 3, 4, 4, 3, 3},
			{3, 3, 3, 4, 3, 4, 4, 2, 3},
			{4, 3, 4, 4, 4, 3, 4, 3, 3},
		})
		if r.Respondents != 3 || !r.Complete() {
			t.Fatalf("respondents %d complete %v", r.Respondents, r.Complete())
		}
		if !near(r.NRR[0], 11.0/3) || !near(r.NRR[7], 8.0/3) || r.Sum[3] != 12 {
			t.Errorf("NRR %v", r.NRR)
		}
		if !near(r.Index, 91.0/3*0.111) || r.Value != 84.18 || r.Grade != "B" {
			t.Errorf("index %v value %v grade %s", r.Index, r.Value, r.Grade)
		}
	})
	t.Run("skipped answers leave the element's divisor", func(t *testing.T) {
		// Visitor 1 skips U4 (fee) and U8; visitor 2 answers all 4s.
		//   U4: only 4 -> 4 / 1 = 4; U8: 4 / 1 = 4; U1: (4+4)/2 = 4 ...
		// Every NRR is 4: sum 36, index 36 x 0.111 = 3.996,
		// value 99.90: grade A. (The 0.111 weight makes 99.9 the top.)
		r := ComputeIKM([][9]int{{4, 4, 4, 0, 4, 4, 4, 0, 4}, {4, 4, 4, 4, 4, 4, 4, 4, 4}})
		if r.Count[3] != 1 || r.Count[0] != 2 || r.Value != 99.9 || r.Grade != "A" {
			t.Errorf("count %v value %v grade %s", r.Count, r.Value, r.Grade)
		}
	})
	t.Run("low scores", func(t *testing.T) {
		// Two visitors, all 2s and all 3s: every NRR is 2.5, sum 22.5,
		// index 22.5 x 0.111 = 2.4975, value 62.4375 -> 62.44: grade D.
		r := ComputeIKM([][9]int{{2, 2, 2, 2, 2, 2, 2, 2, 2}, {3, 3, 3, 3, 3, 3, 3, 3, 3}})
		if r.Value != 62.44 || r.Grade != "D" {
			t.Errorf("value %v grade %s", r.Value, r.Grade)
		}
	})
	t.Run("all threes", func(t *testing.T) {
		// Sum of NRR 27, index 2.997, value 74.925 -> 74.93: grade C.
		r := ComputeIKM([][9]int{{3, 3, 3, 3, 3, 3, 3, 3, 3}})
		if r.Value != 74.93 || r.Grade != "C" {
			t.Errorf("value %v grade %s", r.Value, r.Grade)
		}
	})
	t.Run("nothing answered", func(t *testing.T) {
		r := ComputeIKM([][9]int{{0, 0, 0, 0, 0, 0, 0, 0, 0}, {9, -1}})
		if r.Respondents != 0 || r.Value != 0 || r.Grade != "" || r.Complete() {
			t.Errorf("%+v", r)
		}
	})
	t.Run("merging groups equals computing at once", func(t *testing.T) {
		a := [][9]int{{4, 3, 2, 4, 3, 4, 4, 3, 3}}
		b := [][9]int{{1, 2, 3, 4, 1, 2, 3, 4, 0}, {2, 2, 2, 2, 2, 2, 2, 2, 2}}
		if got, want := ComputeIKM(a).Add(ComputeIKM(b)), ComputeIKM(append(a, b...)); got != want {
			t.Errorf("merged %+v\nwant %+v", got, want)
		}
	})
}

func TestIKMGradeBounds(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{100, "A"}, {88.31, "A"}, {88.305, "A"}, {88.30, "B"}, {76.61, "B"}, {76.60, "C"},
		{65.00, "C"}, {64.99, "D"}, {64.994, "D"}, {25, "D"},
	} {
		if got := IKMGrade(c.v); got != c.want {
			t.Errorf("IKMGrade(%v) = %s, want %s", c.v, got, c.want)
		}
	}
	if IKMPerformance("A") != "Sangat Baik" || IKMPerformance("D") != "Tidak Baik" || IKMPerformance("") != "-" {
		t.Error("performance words")
	}
}
