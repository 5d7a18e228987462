package reports

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// File verdicts as the figures count them (mirrors tracking.Verdict; the
// office service judges each file on the working calendar).
const (
	FileNoPromise   = "tanpa_janji"
	FileOnTime      = "tepat_waktu"
	FileLate        = "terlambat"
	FileOpenOverdue = "lewat_janji"
	FileOpenWithin  = "dalam_proses"
)

// FileRow is one receipt's file with a promised completion: for services
// whose time norm is in days, what the norm means is this promise kept,
// not minutes at the counter.
type FileRow struct {
	Number    string
	ServiceID string
	OfficerID string
	Received  time.Time // in the office's zone
	Due       time.Time
	Completed time.Time // zero until selesai
	Status    string    // the status label, "Diproses" ...
	Returned  bool      // dikembalikan unfinished
	Verdict   string    // File* above
	Norm      string    // "5 hari kerja"
}

// FileStats counts files by verdict.
type FileStats struct {
	Received    int // with a promise
	OnTime      int
	Late        int
	OpenOverdue int
	OpenWithin  int
	Returned    int
}

// Judged is the number of files whose promise is decided: completed, or
// still open after it.
func (s FileStats) Judged() int { return s.OnTime + s.Late + s.OpenOverdue }

// Share is the part of judged files completed by their promise, and false
// when none is judged yet.
func (s FileStats) Share() (float64, bool) {
	if s.Judged() == 0 {
		return 0, false
	}
	return float64(s.OnTime) / float64(s.Judged()), true
}

func (s *FileStats) add(r FileRow) {
	s.Received++
	switch r.Verdict {
	case FileOnTime:
		s.OnTime++
	case FileLate:
		s.Late++
	case FileOpenOverdue:
		s.OpenOverdue++
	case FileOpenWithin:
		s.OpenWithin++
	default:
		if r.Returned {
			s.Returned++
		}
	}
}

// FileGroup is the files of one service.
type FileGroup struct {
	ID    string
	Name  string
	Norm  string
	Stats FileStats
}

// FileFigures is the completion of received files against the promise on
// their receipts: files received in the period, judged as of AsOf, and
// every file of the office still open past its promise at AsOf.
type FileFigures struct {
	AsOf      time.Time
	Total     FileStats
	ByService []FileGroup
	// Files of the period, problems first (open past the promise, late),
	// then by receipt date.
	Files []FileRow
	// Overdue is every open file past its promise at AsOf (whatever its
	// receipt date), oldest promise first: the Kepala Seksi's list.
	Overdue []FileRow
}

// AggregateFiles computes the file figures of rows (the period's files)
// and overdue (every open file past its promise).
func AggregateFiles(rows, overdue []FileRow, names map[string]string, asOf time.Time) *FileFigures {
	ff := &FileFigures{AsOf: asOf, Overdue: overdue}
	by := map[string]*FileGroup{}
	for _, r := range rows {
		ff.Total.add(r)
		g := by[r.ServiceID]
		if g == nil {
			g = &FileGroup{ID: r.ServiceID, Name: names[r.ServiceID], Norm: r.Norm}
			if g.Name == "" {
				g.Name = r.ServiceID
			}
			by[r.ServiceID] = g
		}
		g.Stats.add(r)
	}
	for _, g := range by {
		ff.ByService = append(ff.ByService, *g)
	}
	sort.Slice(ff.ByService, func(i, j int) bool { return ff.ByService[i].Name < ff.ByService[j].Name })
	rank := map[string]int{FileOpenOverdue: 0, FileLate: 1}
	ff.Files = append([]FileRow(nil), rows...)
	sort.SliceStable(ff.Files, func(i, j int) bool {
		ri, ok := rank[ff.Files[i].Verdict]
		if !ok {
			ri = 2
		}
		rj, ok := rank[ff.Files[j].Verdict]
		if !ok {
			rj = 2
		}
		if ri != rj {
			return ri < rj
		}
		return ff.Files[i].Received.Before(ff.Files[j].Received)
	})
	sort.SliceStable(ff.Overdue, func(i, j int) bool { return ff.Overdue[i].Due.Before(ff.Overdue[j].Due) })
	return ff
}

// VerdictLabel is a verdict as people read it.
func VerdictLabel(v string) string {
	switch v {
	case FileOnTime:
		return "Tepat waktu"
	case FileLate:
		return "Terlambat"
	case FileOpenOverdue:
		return "Lewat janji"
	case FileOpenWithin:
		return "Dalam proses"
	}
	return "-"
}

// overdueDays is how long past its promise a file is at asOf, in whole
// calendar days ("< 1 hari" under a day).
func overdueDays(due, asOf time.Time) string {
	d := asOf.Sub(due)
	if d < 24*time.Hour {
		return "< 1 hari"
	}
	return fmt.Sprintf("%d hari", int(d.Hours()/24))
}

// filesSection is the period report's section on files against their
// promise (nothing when no file carried a promise).
func (r *report) filesSection(ff *FileFigures) {
	if ff == nil {
		r.note("Tidak ada data berkas untuk filter ini (tanda terima tidak tercatat per loket).")
		return
	}
	t := ff.Total
	share, ok := t.Share()
	r.tiles([][2]string{
		{"Berkas diterima (dengan janji)", strconv.Itoa(t.Received)},
		{"Selesai tepat waktu", strconv.Itoa(t.OnTime)},
		{"Selesai terlambat", strconv.Itoa(t.Late)},
		{"Sesuai janji", FormatPercent(share, ok)},
	}, 4)
	if t.Received == 0 {
		r.note("Tidak ada tanda terima dengan janji penyelesaian pada periode ini.")
	} else {
		var rows [][]string
		row := func(name, norm string, s FileStats) []string {
			sh, ok := s.Share()
			return []string{name, norm, strconv.Itoa(s.Received), strconv.Itoa(s.OnTime), strconv.Itoa(s.Late),
				strconv.Itoa(s.OpenOverdue), strconv.Itoa(s.OpenWithin), strconv.Itoa(s.Returned), FormatPercent(sh, ok)}
		}
		for _, g := range ff.ByService {
			rows = append(rows, row(g.Name, g.Norm, g.Stats))
		}
		rows = append(rows, row("Jumlah", "", t))
		r.table([]tcol{{38, "L"}, {22, "L"}, {13, "R"}, {17, "R"}, {18, "R"}, {17, "R"}, {17, "R"}, {23, "R"}, {17, "R"}},
			[]string{"Layanan", "Norma", "Berkas", "Tepat waktu", "Terlambat", "Lewat janji", "Dalam proses", "Dikembalikan", "Sesuai janji"},
			rows, 7, func(i int) bool { return i == len(rows)-1 })
		const limit = 15
		var list [][]string
		for _, f := range ff.Files[:min(limit, len(ff.Files))] {
			list = append(list, []string{f.Number, shortDateTime(f.Received), shortDateTime(f.Due), shortDateTime(f.Completed),
				f.Status, VerdictLabel(f.Verdict)})
		}
		r.f.gap(2)
		r.table([]tcol{{44, "L"}, {28, "L"}, {28, "L"}, {28, "L"}, {26, "L"}, {28, "L"}},
			[]string{"Tanda terima", "Diterima", "Janji selesai", "Selesai", "Status", "Penilaian"}, list, 7, nil)
		if len(ff.Files) > limit {
			r.note(fmt.Sprintf("Ditampilkan %d dari %d berkas, yang lewat janji dan terlambat lebih dahulu.", limit, len(ff.Files)))
		}
	}
	r.note("Untuk layanan yang jangka waktunya dalam hari, kepatuhan norma adalah penyelesaian berkas (status selesai) " +
		"terhadap janji pada tanda terima, dihitung pada kalender hari kerja; berkas yang belum selesai setelah janjinya " +
		"dihitung tidak sesuai. Status per " + FormatDateTimeID(ff.AsOf, "") + ".")
	if len(ff.Overdue) > 0 {
		r.f.ensure(16)
		r.f.gap(2)
		title := fmt.Sprintf("Berkas belum selesai melewati janji: %d", len(ff.Overdue))
		if len(ff.Overdue) > 10 {
			title += " (sepuluh terlama)"
		}
		r.f.text(title, "B", 8.5, "L")
		r.f.gap(1)
		var rows [][]string
		for _, f := range ff.Overdue[:min(10, len(ff.Overdue))] {
			rows = append(rows, []string{f.Number, shortDateTime(f.Received), shortDateTime(f.Due), overdueDays(f.Due, ff.AsOf), f.Status})
		}
		r.table([]tcol{{46, "L"}, {32, "L"}, {32, "L"}, {28, "R"}, {44, "L"}},
			[]string{"Tanda terima", "Diterima", "Janji selesai", "Lewat", "Status"}, rows, 7, nil)
	}
}

// overdueFilesBrief is the briefing's count of open files past their
// promise, with the five oldest.
func (r *report) overdueFilesBrief(ff *FileFigures) {
	if ff == nil {
		r.note("Data berkas tidak tersedia.")
		return
	}
	if len(ff.Overdue) == 0 {
		r.note("Tidak ada berkas yang melewati janji penyelesaian.")
		return
	}
	which := "daftarnya:"
	if len(ff.Overdue) > 5 {
		which = "lima terlama:"
	}
	r.note(fmt.Sprintf("%d berkas belum selesai padahal janji pada tanda terimanya sudah lewat; %s", len(ff.Overdue), which))
	var rows [][]string
	for _, f := range ff.Overdue[:min(5, len(ff.Overdue))] {
		rows = append(rows, []string{f.Number, shortDateTime(f.Due), overdueDays(f.Due, ff.AsOf), f.Status})
	}
	r.table([]tcol{{50, "L"}, {40, "L"}, {30, "R"}, {62, "L"}}, []string{"Tanda terima", "Janji selesai", "Lewat", "Status"}, rows, 8, nil)
}
