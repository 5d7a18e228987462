// Package tracking is the life of a file (berkas) the office received at
// the counter against a tanda terima: diterima → diproses → selesai →
// diambil or diserahkan, or dikembalikan to the visitor. It is pure logic,
// the same treatment the queue gives a ticket: the store applies a step
// inside its transaction and writes the event; the reports judge the
// completion against the promise printed on the receipt.
package tracking

import (
	"fmt"
	"time"
)

// Status is where a file is in its life.
type Status string

// The statuses of a file.
const (
	// Diterima: received complete at the counter, the promise runs.
	Diterima Status = "diterima"
	// Diproses: the back office is working on it.
	Diproses Status = "diproses"
	// Selesai: the work is done; the promise is kept or broken here.
	Selesai Status = "selesai"
	// Diambil: the visitor collected the result at the counter.
	Diambil Status = "diambil"
	// Diserahkan: the result was delivered (sent to the satker, mail).
	Diserahkan Status = "diserahkan"
	// Dikembalikan: the file went back to the visitor unfinished
	// (incomplete at the counter, or a defect found while processing).
	Dikembalikan Status = "dikembalikan"
)

// All lists the statuses in life order, for filters and tests.
var All = []Status{Diterima, Diproses, Selesai, Diambil, Diserahkan, Dikembalikan}

// next is the transition table: from each status, where a step may go.
var next = map[Status][]Status{
	Diterima: {Diproses, Dikembalikan},
	Diproses: {Selesai, Dikembalikan},
	Selesai:  {Diambil, Diserahkan},
}

// Valid tells whether s is a known status.
func Valid(s Status) bool {
	for _, x := range All {
		if x == s {
			return true
		}
	}
	return false
}

// Next lists the steps allowed from s (none for a closed file).
func Next(s Status) []Status { return append([]Status(nil), next[s]...) }

// Label is the status as people read it.
func Label(s Status) string {
	switch s {
	case Diterima:
		return "Diterima"
	case Diproses:
		return "Diproses"
	case Selesai:
		return "Selesai"
	case Diambil:
		return "Diambil pemohon"
	case Diserahkan:
		return "Diserahkan"
	case Dikembalikan:
		return "Dikembalikan"
	}
	return string(s)
}

// Action is the button that moves a file to s.
func Action(s Status) string {
	switch s {
	case Diproses:
		return "Mulai diproses"
	case Selesai:
		return "Tandai selesai"
	case Diambil:
		return "Diambil pemohon"
	case Diserahkan:
		return "Diserahkan/dikirim"
	case Dikembalikan:
		return "Kembalikan berkas"
	}
	return Label(s)
}

// File is the part of a receipt its life is about. Times are zero until
// the step happened.
type File struct {
	Status   Status
	StatusAt time.Time
	// Steps counts the lifecycle steps taken after the counter saved the
	// receipt; a file with steps is no longer edited by saving again.
	Steps       int
	ProcessedAt time.Time // diproses
	CompletedAt time.Time // selesai
	ClosedAt    time.Time // diambil, diserahkan or dikembalikan
}

// Start is a file as saved at the counter: a complete file is received
// and its promise runs; an incomplete one goes straight back to the
// visitor with the list of what is missing.
func Start(complete bool, at time.Time) File {
	if complete {
		return File{Status: Diterima, StatusAt: at}
	}
	return File{Status: Dikembalikan, StatusAt: at, ClosedAt: at}
}

// Open tells whether the office still owes the work: received or being
// processed.
func (f File) Open() bool { return f.Status == Diterima || f.Status == Diproses }

// Refusal is a step the rules do not allow, with the sentence for the
// officer.
type Refusal struct{ Message string }

func (r *Refusal) Error() string { return r.Message }

// Apply moves f to status to at the given time. It refuses an unknown
// status, a step the table does not allow (the file's current status is
// named) and a time before the file's last step.
func Apply(f File, to Status, at time.Time) (File, error) {
	if !Valid(to) {
		return f, &Refusal{fmt.Sprintf("Status berkas %q tidak dikenal.", string(to))}
	}
	if f.Status == to {
		return f, &Refusal{fmt.Sprintf("Berkas sudah berstatus %s.", Label(to))}
	}
	allowed := false
	for _, s := range next[f.Status] {
		allowed = allowed || s == to
	}
	if !allowed {
		if len(next[f.Status]) == 0 {
			return f, &Refusal{fmt.Sprintf("Berkas sudah %s; statusnya tidak dapat diubah lagi.", Label(f.Status))}
		}
		return f, &Refusal{fmt.Sprintf("Berkas berstatus %s tidak dapat langsung menjadi %s.", Label(f.Status), Label(to))}
	}
	if at.Before(f.StatusAt) {
		return f, &Refusal{"Waktu langkah berkas lebih awal dari langkah sebelumnya; periksa jam komputer."}
	}
	f.Status, f.StatusAt = to, at
	f.Steps++
	switch to {
	case Diproses:
		f.ProcessedAt = at
	case Selesai:
		f.CompletedAt = at
	case Diambil, Diserahkan, Dikembalikan:
		f.ClosedAt = at
	}
	return f, nil
}

// Verdict is a file judged against its promise.
type Verdict int

// Verdicts.
const (
	// NoPromise: no completion was promised (incomplete file, a norm
	// that promises nothing), or the file went back unfinished.
	NoPromise Verdict = iota
	// OnTime: completed at or before the promise.
	OnTime
	// Late: completed after the promise.
	Late
	// OpenOverdue: not completed and the promise has passed.
	OpenOverdue
	// OpenWithin: not completed, the promise still ahead.
	OpenWithin
)

// Judge compares f with its promise due at instant now. The completion
// (selesai) is what the promise is about: a file collected weeks later was
// still on time if the work was done by the promise.
func Judge(f File, due, now time.Time) Verdict {
	switch {
	case due.IsZero():
		return NoPromise
	case !f.CompletedAt.IsZero():
		if f.CompletedAt.After(due) {
			return Late
		}
		return OnTime
	case f.Status == Dikembalikan:
		return NoPromise
	case now.After(due):
		return OpenOverdue
	}
	return OpenWithin
}
