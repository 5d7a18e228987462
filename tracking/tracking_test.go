package tracking

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)

func TestStart(t *testing.T) {
	f := Start(true, t0)
	if f.Status != Diterima || !f.Open() || !f.ClosedAt.IsZero() || f.Steps != 0 {
		t.Fatalf("complete file: %+v", f)
	}
	f = Start(false, t0)
	if f.Status != Dikembalikan || f.Open() || !f.ClosedAt.Equal(t0) {
		t.Fatalf("incomplete file: %+v", f)
	}
}

// Every pair (from, to) is tried: exactly the table's steps are allowed,
// and each refusal says something a person can read.
func TestApplyTable(t *testing.T) {
	allowed := map[[2]Status]bool{
		{Diterima, Diproses}: true, {Diterima, Dikembalikan}: true,
		{Diproses, Selesai}: true, {Diproses, Dikembalikan}: true,
		{Selesai, Diambil}: true, {Selesai, Diserahkan}: true,
	}
	for _, from := range All {
		for _, to := range All {
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				f := File{Status: from, StatusAt: t0, Steps: 2}
				got, err := Apply(f, to, t0.Add(time.Hour))
				if allowed[[2]Status{from, to}] {
					if err != nil {
						t.Fatalf("refused: %v", err)
					}
					if got.Status != to || !got.StatusAt.Equal(t0.Add(time.Hour)) || got.Steps != 3 {
						t.Fatalf("after step: %+v", got)
					}
					return
				}
				var r *Refusal
				if !errors.As(err, &r) || r.Message == "" {
					t.Fatalf("want refusal, got %v (%+v)", err, got)
				}
				if got != f {
					t.Fatalf("refused step changed the file: %+v", got)
				}
			})
		}
	}
}

func TestApplyRefusals(t *testing.T) {
	f := Start(true, t0)
	cases := []struct {
		name string
		to   Status
		at   time.Time
		want string
	}{
		{"unknown", "hilang", t0.Add(time.Minute), "tidak dikenal"},
		{"same", Diterima, t0.Add(time.Minute), "sudah berstatus Diterima"},
		{"skip", Selesai, t0.Add(time.Minute), "tidak dapat langsung menjadi Selesai"},
		{"clock back", Diproses, t0.Add(-time.Minute), "jam komputer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Apply(f, c.to, c.at)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want %q, got %v", c.want, err)
			}
		})
	}
	closed := File{Status: Diambil, StatusAt: t0}
	if _, err := Apply(closed, Dikembalikan, t0.Add(time.Hour)); err == nil || !strings.Contains(err.Error(), "tidak dapat diubah lagi") {
		t.Fatalf("closed file: %v", err)
	}
}

// The whole walk at the counter, with the timestamps each step leaves.
func TestWalk(t *testing.T) {
	f := Start(true, t0)
	steps := []Status{Diproses, Selesai, Diambil}
	for i, s := range steps {
		var err error
		if f, err = Apply(f, s, t0.Add(time.Duration(i+1)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if !f.ProcessedAt.Equal(t0.Add(time.Hour)) || !f.CompletedAt.Equal(t0.Add(2*time.Hour)) ||
		!f.ClosedAt.Equal(t0.Add(3*time.Hour)) || f.Steps != 3 || f.Open() {
		t.Fatalf("after the walk: %+v", f)
	}
}

func TestJudge(t *testing.T) {
	due := t0.Add(48 * time.Hour)
	done := func(at time.Time) File { return File{Status: Selesai, CompletedAt: at} }
	cases := []struct {
		name string
		f    File
		due  time.Time
		now  time.Time
		want Verdict
	}{
		{"no promise", Start(true, t0), time.Time{}, t0, NoPromise},
		{"done early", done(due.Add(-time.Hour)), due, due.Add(240 * time.Hour), OnTime},
		{"done at the promise", done(due), due, due, OnTime},
		{"done late", done(due.Add(time.Minute)), due, due.Add(time.Hour), Late},
		{"collected late, done on time", File{Status: Diambil, CompletedAt: due.Add(-time.Hour), ClosedAt: due.Add(100 * time.Hour)}, due, due.Add(200 * time.Hour), OnTime},
		{"open, promise ahead", Start(true, t0), due, due.Add(-time.Second), OpenWithin},
		{"open at the promise", Start(true, t0), due, due, OpenWithin},
		{"open past the promise", File{Status: Diproses}, due, due.Add(time.Second), OpenOverdue},
		{"returned unfinished", File{Status: Dikembalikan}, due, due.Add(time.Hour), NoPromise},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Judge(c.f, c.due, c.now); got != c.want {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestLabels(t *testing.T) {
	for _, s := range All {
		if Label(s) == string(s) || Label(s) == "" {
			t.Errorf("status %s has no label", s)
		}
		for _, n := range Next(s) {
			if Action(n) == "" {
				t.Errorf("step to %s has no button text", n)
			}
		}
	}
}
