package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// Page geometry of the period reports (A4 portrait, mm).
const (
	repPW, repPH = 210.0, 297.0
	repMargin    = 14.0
	repW         = repPW - 2*repMargin
)

// report is a paged A4 document with the ministry letterhead on page one,
// a running header on the others and "Halaman n dari m" in every footer.
type report struct {
	pdf      *gofpdf.Fpdf
	f        *flow
	sections int
}

func newReport(title, subtitle string, fig Figures) *report {
	pdf := newDoc(title+" "+subtitle, fig.Generated)
	pdf.AliasNbPages("{nb}")
	r := &report{pdf: pdf}
	office := cleanLine(fig.Office.Name)
	pdf.SetFooterFunc(func() {
		y := repPH - repMargin + 2
		pdf.SetLineWidth(0.2)
		draw(pdf, colGrey)
		pdf.Line(repMargin, y, repPW-repMargin, y)
		pdf.SetFont(family, "", 7)
		ink(pdf, [3]int{90, 90, 90})
		left := "Dibuat dengan Loket"
		if !fig.Generated.IsZero() {
			left += " · " + FormatDateTimeID(fig.Generated, fig.Office.ZoneLabel)
		}
		pdf.SetXY(repMargin, y+0.8)
		pdf.CellFormat(repW, 4, left, "", 0, "LM", false, 0, "")
		pdf.SetXY(repMargin, y+0.8)
		pdf.CellFormat(repW, 4, fmt.Sprintf("Halaman %d dari {nb}", pdf.PageNo()), "", 0, "RM", false, 0, "")
		resetColours(pdf)
	})
	running := func() {
		pdf.SetFont(family, "B", 7.5)
		ink(pdf, colNavy)
		pdf.SetXY(repMargin, repMargin-4)
		pdf.CellFormat(repW, 4, strings.ToUpper(office), "", 0, "LM", false, 0, "")
		left := pdf.GetStringWidth(strings.ToUpper(office))
		pdf.SetFont(family, "", 7.5)
		ink(pdf, [3]int{70, 70, 70})
		pdf.SetXY(repMargin, repMargin-4)
		// The right part gives way to the office name rather than run into it.
		pdf.CellFormat(repW, 4, fitLine(pdf, cleanLine(title+" · "+subtitle), repW-left-8), "", 0, "RM", false, 0, "")
		draw(pdf, colNavy)
		pdf.SetLineWidth(0.4)
		pdf.Line(repMargin, repMargin+0.8, repPW-repMargin, repMargin+0.8)
		resetColours(pdf)
	}
	r.f = &flow{pdf: pdf, draw: true, x: repMargin, w: repW, y: repMargin, top: repMargin + 5,
		bottom: repPH - repMargin - 2, paged: true, page: sizeType(repPW, repPH), onPage: running}
	pdf.AddPageFormat("P", sizeType(repPW, repPH))
	r.letterhead(fig.Office, title, subtitle, fig.FilterLabel)
	if fig.CalendarWarning != "" {
		r.warning("Peringatan kalender", fig.CalendarWarning)
	}
	return r
}

// warning draws a boxed notice the reader must not miss: a gold bar and a
// pale fill behind a bold title and the text.
func (r *report) warning(title, s string) {
	f, pdf := r.f, r.pdf
	const pad, bar = 2.5, 1.4
	w := f.w - bar - 2*pad
	h := lineH(8.5) + r.f.textHeight(w, s, "", 8) + 2*pad
	f.ensure(h)
	top := f.y
	fill(pdf, colWarn)
	pdf.Rect(f.x, top, f.w, h, "F")
	fill(pdf, colGold)
	pdf.Rect(f.x, top, bar, h, "F")
	resetColours(pdf)
	f.y = top + pad
	ink(pdf, colNavy)
	f.textAt(f.x+bar+pad, w, title, "B", 8.5, "L")
	pdf.SetTextColor(0, 0, 0)
	f.textAt(f.x+bar+pad, w, s, "", 8, "L")
	f.y = top + h + 4
}

// letterhead is the first page's head: the ministry lines, the office, its
// address over a double rule, then the title block.
func (r *report) letterhead(o OfficeInfo, title, subtitle, filter string) {
	f, pdf := r.f, r.pdf
	hier := o.Hierarchy
	if len(hier) == 0 {
		hier = []string{"Kementerian Keuangan Republik Indonesia"}
	}
	ink(pdf, colNavy)
	for _, h := range hier {
		f.text(strings.ToUpper(h), "B", 9, "C")
	}
	f.text(strings.ToUpper(o.Name), "B", 11.5, "C")
	pdf.SetTextColor(0, 0, 0)
	if a := cleanLine(o.Address); a != "" {
		f.text(a, "", 8, "C")
	}
	f.gap(1.5)
	draw(pdf, colNavy)
	f.rule(0.8)
	f.gap(0.6)
	f.rule(0.25)
	resetColours(pdf)
	f.gap(6)
	ink(pdf, colNavy)
	f.text(strings.ToUpper(title), "B", 14, "C")
	pdf.SetTextColor(0, 0, 0)
	f.gap(0.5)
	f.text(subtitle, "", 10.5, "C")
	if filter != "" {
		f.text(filter, "", 9, "C")
	}
	f.gap(5)
}

// heading starts a numbered section; it keeps at least need mm of the
// section's content on the same page.
func (r *report) heading(s string, need float64) {
	f, pdf := r.f, r.pdf
	r.sections++
	s = fmt.Sprintf("%d. %s", r.sections, s)
	f.ensure(9 + need)
	f.gap(2)
	fill(pdf, colGold)
	pdf.Rect(f.x, f.y+0.6, 1.4, 4.4, "F")
	pdf.SetFont(family, "B", 10.5)
	ink(pdf, colNavy)
	pdf.SetXY(f.x+3.5, f.y)
	pdf.CellFormat(f.w-3.5, 5.6, cleanLine(s), "", 0, "LM", false, 0, "")
	resetColours(pdf)
	f.y += 7.5
}

// note writes small grey explanatory text.
func (r *report) note(s string) {
	r.f.gap(1)
	ink(r.pdf, [3]int{95, 95, 95})
	r.f.text(s, "", 7, "L")
	r.pdf.SetTextColor(0, 0, 0)
}

// tiles draws key figures as boxes, n per row.
func (r *report) tiles(items [][2]string, perRow int) {
	f, pdf := r.f, r.pdf
	const gap, h = 3.0, 16.0
	w := (f.w - gap*float64(perRow-1)) / float64(perRow)
	for i := 0; i < len(items); i += perRow {
		f.ensure(h + gap)
		for j := 0; j < perRow && i+j < len(items); j++ {
			x := f.x + float64(j)*(w+gap)
			fill(pdf, colLight)
			pdf.Rect(x, f.y, w, h, "F")
			fill(pdf, colNavy)
			pdf.Rect(x, f.y, 1.1, h, "F")
			pdf.SetFont(family, "", 7)
			ink(pdf, [3]int{80, 80, 80})
			pdf.SetXY(x+3, f.y+1.8)
			pdf.CellFormat(w-4, 3.5, cleanLine(items[i+j][0]), "", 0, "LM", false, 0, "")
			ink(pdf, colNavy)
			val := cleanLine(items[i+j][1])
			size := f.fitSize(val, "B", 15, w-5)
			pdf.SetFont(family, "B", size)
			pdf.SetXY(x+3, f.y+6.5)
			pdf.CellFormat(w-4, 7, val, "", 0, "LM", false, 0, "")
		}
		resetColours(pdf)
		f.y += h + gap
	}
}

// table draws a header row and rows, repeating the header on new pages.
func (r *report) table(cols []tcol, header []string, rows [][]string, size float64, bold func(i int) bool) {
	f := r.f
	hcells := make([]tcell, len(header))
	for i, h := range header {
		hcells[i] = tcell{text: h, style: "B"}
	}
	drawHeader := func() { f.row(cols, hcells, size, true, 0, nil) }
	f.ensure(lineH(size)*3 + 6)
	drawHeader()
	for i, row := range rows {
		cells := make([]tcell, len(row))
		for j, c := range row {
			cells[j] = tcell{text: c}
			if bold != nil && bold(i) {
				cells[j].style = "B"
			}
		}
		f.row(cols, cells, size, false, 3, drawHeader)
	}
}

// groupTable is the queue figures per service, counter or officer, with a
// Jumlah row added up from the rows shown (see sumGroups).
func (r *report) groupTable(first string, groups []Group, total Stats) {
	cols := []tcol{{28, "L"}, {14, "R"}, {14, "R"}, {12, "R"}, {10, "R"}, {14, "R"}, {14, "R"}, {14, "R"}, {14, "R"}, {14, "R"}, {14, "R"}, {20, "R"}}
	header := []string{first, "Diambil", "Dilayani", "Tidak hadir", "Batal", "Tunggu median", "Tunggu p90", "Tunggu maks",
		"Layan median", "Layan p90", "Layan maks", "Sesuai norma"}
	var rows [][]string
	for _, g := range groups {
		rows = append(rows, statRow(g.Name, g.Stats))
	}
	sum := sumGroups(groups, total)
	rows = append(rows, statRow("Jumlah", sum))
	r.table(cols, header, rows, 7, func(i int) bool { return i == len(rows)-1 })
	if n := totalNote(sum, total); n != "" {
		r.note(n)
	}
}

func statRow(name string, s Stats) []string {
	share, ok := s.NormShare()
	norm := FormatPercent(share, ok)
	if ok {
		norm += " (" + FormatCount(s.NormKnown) + ")"
	}
	return []string{name, FormatCount(s.Issued), FormatCount(s.Served), FormatCount(s.NoShow), FormatCount(s.Cancelled),
		FormatMinutes(s.Wait.Median, s.Wait.N > 0), FormatMinutes(s.Wait.P90, s.Wait.N > 0), FormatMinutes(s.Wait.Max, s.Wait.N > 0),
		FormatMinutes(s.Service.Median, s.Service.N > 0), FormatMinutes(s.Service.P90, s.Service.N > 0),
		FormatMinutes(s.Service.Max, s.Service.N > 0), norm}
}

// seriesCharts draws the tickets-per-day (or hour) bars and the waiting
// time lines side by side.
func (r *report) seriesCharts(fig Figures) {
	f := r.f
	const h = 52.0
	f.ensure(h + 8)
	labels := make([]string, len(fig.Series))
	served, noshow, cancelled, other := make([]float64, len(labels)), make([]float64, len(labels)), make([]float64, len(labels)), make([]float64, len(labels))
	med, p90 := make([]float64, len(labels)), make([]float64, len(labels))
	oneDay := fig.Period.From == fig.Period.To
	for i, p := range fig.Series {
		labels[i] = p.Label
		if !oneDay && len(p.Label) == 10 {
			labels[i] = strings.TrimLeft(p.Label[8:], "0")
		}
		served[i], noshow[i], cancelled[i] = float64(p.Served), float64(p.NoShow), float64(p.Cancelled)
		other[i] = float64(p.Issued - p.Served - p.NoShow - p.Cancelled)
		med[i], p90[i] = math.NaN(), math.NaN()
		if p.WaitN > 0 {
			med[i], p90[i] = p.MedianWait.Minutes(), p.P90Wait.Minutes()
		}
	}
	what := "tanggal"
	if oneDay {
		what = "jam"
	}
	half := (f.w - 6) / 2
	r.pdf.SetFont(family, "B", 8)
	r.pdf.SetXY(f.x, f.y)
	r.pdf.CellFormat(half, 4, "Tiket per "+what, "", 0, "LM", false, 0, "")
	r.pdf.SetXY(f.x+half+6, f.y)
	r.pdf.CellFormat(half, 4, "Waktu tunggu per "+what, "", 0, "LM", false, 0, "")
	y := f.y + 9
	stackedBars(r.pdf, f.x, y, half, h-4, labels, []series{
		{"Dilayani", colNavy, served}, {"Tidak hadir", colGold, noshow}, {"Batal", colGrey, cancelled}, {"Belum selesai", [3]int{190, 200, 215}, other},
	}, "tiket")
	// Waits all under two minutes are drawn in seconds: a minutes axis
	// would read 0 and 1 with every point flat on the floor.
	unit, longest := "menit", 0.0
	for _, v := range p90 {
		if !math.IsNaN(v) {
			longest = max(longest, v)
		}
	}
	if longest < 2 {
		unit = "detik"
		for i := range med {
			med[i], p90[i] = med[i]*60, p90[i]*60
		}
	}
	lines(r.pdf, f.x+half+6, y, half, h-4, labels, []series{
		{"Median", colNavy, med}, {"Persentil 90", colGold, p90},
	}, unit)
	f.y = y + h
}

// heatTable shades each hour cell by its count.
func (r *report) heatTable(h Heat, rowTitle string) {
	f, pdf := r.f, r.pdf
	if len(h.Rows) == 0 {
		r.note("Belum ada tiket pada periode ini.")
		return
	}
	nameW := 40.0
	cw := min(12.0, (f.w-nameW)/float64(len(h.Hours)))
	const rh = 6.0
	f.ensure(rh * float64(len(h.Rows)+1))
	pdf.SetFont(family, "B", 7)
	pdf.SetXY(f.x, f.y)
	pdf.CellFormat(nameW, rh, rowTitle, "", 0, "LM", false, 0, "")
	for i, hr := range h.Hours {
		pdf.SetXY(f.x+nameW+float64(i)*cw, f.y)
		pdf.CellFormat(cw, rh, fmt.Sprintf("%02d.00", hr), "", 0, "CM", false, 0, "")
	}
	f.y += rh
	for ri, name := range h.Rows {
		f.ensure(rh)
		pdf.SetFont(family, "", 7)
		pdf.SetXY(f.x, f.y)
		pdf.CellFormat(nameW-1, rh, fitLine(pdf, cleanLine(name), nameW-2), "", 0, "LM", false, 0, "")
		for i, n := range h.Cells[ri] {
			t := 0.0
			if h.Max > 0 {
				t = float64(n) / float64(h.Max)
			}
			c := [3]int{int(248 - t*(248-float64(colNavy[0]))), int(249 - t*(249-float64(colNavy[1]))), int(252 - t*(252-float64(colNavy[2])))}
			fill(pdf, c)
			draw(pdf, [3]int{255, 255, 255})
			pdf.SetLineWidth(0.4)
			x := f.x + nameW + float64(i)*cw
			pdf.Rect(x, f.y, cw, rh, "FD")
			if n > 0 {
				if t > 0.55 {
					pdf.SetTextColor(255, 255, 255)
				} else {
					pdf.SetTextColor(20, 20, 20)
				}
				if n == h.Max {
					pdf.SetFont(family, "B", 7)
				} else {
					pdf.SetFont(family, "", 7)
				}
				pdf.SetXY(x, f.y)
				pdf.CellFormat(cw, rh, strconv.Itoa(n), "", 0, "CM", false, 0, "")
			}
		}
		resetColours(pdf)
		f.y += rh
	}
	f.gap(1)
}

// ikmSection is the satisfaction index per element, overall, and per
// group.
func (r *report) ikmSection(fig Figures, perOfficer bool) {
	ik := fig.IKM
	if ik.Respondents == 0 {
		r.note("Belum ada responden survei kepuasan pada periode ini.")
		return
	}
	r.tiles([][2]string{
		{"Responden", strconv.Itoa(ik.Respondents)},
		{"Nilai IKM (konversi)", FormatDecimal(ik.Value, 2)},
		{"Mutu pelayanan", ik.Grade},
		{"Kinerja unit pelayanan", IKMPerformance(ik.Grade)},
	}, 4)
	names := make([]string, 9)
	for i, e := range IKMElements {
		names[i] = e.Name
	}
	r.f.ensure(58)
	r.f.y += ikmBars(r.pdf, r.f.x, r.f.y+1, r.f.w, ik, names) + 2
	cols := []tcol{{12, "C"}, {68, "L"}, {20, "R"}, {22, "R"}, {18, "R"}, {24, "R"}, {18, "C"}}
	var rows [][]string
	for i, e := range IKMElements {
		nrr, w, grade := "-", "-", "-"
		if ik.Count[i] > 0 {
			nrr, w, grade = FormatDecimal(ik.NRR[i], 3), FormatDecimal(ik.NRR[i]*IKMWeight, 3), IKMGrade(ik.NRR[i]*25)
		}
		rows = append(rows, []string{fmt.Sprintf("U%d", i+1), e.Name, strconv.Itoa(ik.Count[i]), strconv.Itoa(ik.Sum[i]), nrr, w, grade})
	}
	rows = append(rows, []string{"", "IKM = jumlah NRR tertimbang / konversi", "", "", "", FormatDecimal(ik.Index, 3), FormatDecimal(ik.Value, 2)})
	r.table(cols, []string{"Unsur", "Uraian", "Jawaban", "Jumlah nilai", "NRR", "NRR tertimbang", "Mutu"}, rows, 7.5,
		func(i int) bool { return i == len(rows)-1 })
	r.note("NRR per unsur = jumlah nilai / jumlah jawaban yang terisi; IKM = jumlah (NRR x 0,111); nilai konversi = IKM x 25. " +
		"Mutu: A 88,31-100; B 76,61-88,30; C 65,00-76,60; D 25,00-64,99 (PermenPANRB Nomor 14 Tahun 2017).")
	if n := ikmRoundingNote(ik); n != "" {
		r.note(n)
	}
	if !ik.Complete() {
		r.note("Ada unsur tanpa jawaban; unsur itu dihitung nol sehingga nilai IKM lebih rendah dari seharusnya.")
	}
	groupIKM := func(title string, gs []Group) {
		var rows [][]string
		for _, g := range gs {
			if g.IKM.Respondents == 0 {
				continue
			}
			low := lowestElements(g.IKM, 1)
			lowS := "-"
			if len(low) > 0 {
				lowS = fmt.Sprintf("U%d %s (%s)", low[0]+1, IKMElements[low[0]].Name, FormatDecimal(g.IKM.NRR[low[0]], 2))
			}
			rows = append(rows, []string{g.Name, strconv.Itoa(g.IKM.Respondents), FormatDecimal(g.IKM.Value, 2), g.IKM.Grade, lowS})
		}
		if len(rows) == 0 {
			return
		}
		r.f.gap(2)
		r.f.ensure(20)
		r.f.text(title, "B", 8.5, "L")
		r.f.gap(1)
		r.table([]tcol{{52, "L"}, {20, "R"}, {22, "R"}, {14, "C"}, {74, "L"}}, []string{"Nama", "Responden", "Nilai IKM", "Mutu", "Unsur terendah"}, rows, 7.5, nil)
	}
	groupIKM("IKM per layanan", fig.ByService)
	if perOfficer {
		groupIKM("IKM per loket", fig.ByCounter)
		groupIKM("IKM per petugas (RAHASIA: bahan pembinaan pimpinan, tidak dibagikan kepada petugas secara perorangan)", fig.ByOfficer)
	}
	if len(fig.Comments) > 0 {
		r.f.gap(2)
		r.f.ensure(14)
		r.f.text("Saran dan masukan pengguna layanan (terbaru)", "B", 8.5, "L")
		for _, c := range fig.Comments[:min(len(fig.Comments), 12)] {
			r.f.text("• "+c, "", 7.5, "L")
		}
	}
}

// lowestElements returns the indices of the n answered elements with the
// lowest NRR, lowest first.
func lowestElements(r IKMResult, n int) []int {
	var idx []int
	for i := range r.NRR {
		if r.Count[i] > 0 {
			idx = append(idx, i)
		}
	}
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && r.NRR[idx[j]] < r.NRR[idx[j-1]]; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	return idx[:min(n, len(idx))]
}

// csoSection is the consultation log of the period.
func (r *report) csoSection(c *CSOFigures, at time.Time) {
	if c == nil {
		return
	}
	r.tiles([][2]string{
		{"Konsultasi dicatat", FormatCount(c.Total)},
		{"Selesai (resolved)", FormatCount(c.Resolved)},
		{"Lewat tenggat tindak lanjut", FormatCount(len(c.Overdue))},
		{"Median selesai (jam kerja)", FormatMinutes(c.ResolutionMedian, c.Resolved > 0)},
	}, 4)
	f := r.f
	w := (f.w - 8) / 3
	blocks := []struct {
		title string
		kv    []KV
	}{{"Per kanal", c.ByChannel}, {"Per kategori", c.ByCategory}, {"Per status", c.ByStatus}}
	rowsMax := 0
	for _, b := range blocks {
		rowsMax = max(rowsMax, len(b.kv))
	}
	f.ensure(float64(rowsMax+3)*5 + 4)
	y0, yMax := f.y, f.y
	for i, b := range blocks {
		sub := &flow{pdf: r.pdf, draw: true, x: f.x + float64(i)*(w+4), w: w, y: y0}
		var rows [][]string
		for _, kv := range b.kv {
			rows = append(rows, []string{kv.Label, FormatCount(kv.N)})
		}
		if len(rows) == 0 {
			rows = [][]string{{"-", "0"}}
		}
		hdr := []tcell{{text: b.title, style: "B"}, {text: "Banyaknya", style: "B"}}
		cols := []tcol{{w - 18, "L"}, {18, "R"}}
		sub.row(cols, hdr, 7, true, 0, nil)
		for _, row := range rows {
			sub.row(cols, []tcell{{text: row[0]}, {text: row[1]}}, 7, false, 2, nil)
		}
		// The Jumlah row adds up the rows above it.
		sub.row(cols, []tcell{{text: "Jumlah", style: "B"}, {text: FormatCount(sumKV(b.kv)), style: "B"}}, 7, false, 0, nil)
		yMax = max(yMax, sub.y)
	}
	f.y = yMax + 3
	if len(c.Overdue) > 0 {
		f.ensure(float64(min(len(c.Overdue), OverdueShown)+1)*(lineH(7)+2*cellPad) + 12)
		f.text("Menunggu jawaban melewati tenggat tindak lanjut (3 hari kerja)", "B", 8.5, "L")
		f.gap(1)
		r.overdueList(c.Overdue, at)
	}
	r.note("Lewat tenggat: setiap konsultasi yang pada akhir periode masih menunggu jawaban setelah tenggat tindak lanjutnya, " +
		"termasuk yang dicatat sebelum periode ini. Angka per kanal, kategori dan status menghitung konsultasi yang dicatat dalam periode.")
}

// overdueList lists the OverdueShown consultations whose deadline is
// oldest and counts the rest; the workbook lists them all.
func (r *report) overdueList(items []CSOItem, at time.Time) {
	sorted := OldestOverdue(items)
	shown := sorted[:min(len(sorted), OverdueShown)]
	var rows [][]string
	for _, o := range shown {
		rows = append(rows, []string{o.Number, shortDateTime(o.Opened), shortDateTime(o.Due), lateBy(o.Due, at), o.Channel,
			o.Category, o.Officer, o.Status})
	}
	// Kept on one page when it fits: ten one-line rows and the header.
	r.f.ensure(float64(len(rows)+1)*(lineH(7)+2*cellPad) + 4)
	r.table([]tcol{{34, "L"}, {25, "L"}, {25, "L"}, {13, "R"}, {17, "L"}, {25, "L"}, {25, "L"}, {18, "L"}},
		[]string{"Nomor", "Dibuka", "Tenggat", "Lewat", "Kanal", "Kategori", "Petugas CSO", "Status"}, rows, 7, nil)
	if len(sorted) > len(shown) {
		r.note(fmt.Sprintf("Ditampilkan %d konsultasi dengan tenggat paling lama dari %s yang lewat tenggat; "+
			"daftar lengkap ada pada berkas XLSX.", len(shown), FormatCount(len(sorted))))
	}
}

func shortDateTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return fmt.Sprintf("%02d/%02d/%d %02d.%02d", t.Day(), int(t.Month()), t.Year(), t.Hour(), t.Minute())
}

// lateTable lists late services, at most limit rows.
func (r *report) lateTable(items []LateItem, limit int) {
	if len(items) == 0 {
		r.note("Tidak ada layanan yang melebihi norma waktu atau menunggu melebihi batas.")
		return
	}
	var rows [][]string
	for _, it := range items[:min(limit, len(items))] {
		date := it.Date
		if len(date) == 10 {
			date = date[8:] + "/" + date[5:7]
		}
		rows = append(rows, []string{it.Code, date, it.Service, it.Counter, it.Officer, FormatMinutes(it.Wait, true),
			FormatMinutes(it.Served, true), it.Norm, it.Reason})
	}
	r.table([]tcol{{13, "L"}, {11, "L"}, {32, "L"}, {15, "L"}, {24, "L"}, {14, "R"}, {14, "R"}, {20, "L"}, {39, "L"}},
		[]string{"Nomor", "Tgl", "Layanan", "Loket", "Petugas", "Tunggu", "Layan", "Norma", "Keterangan"}, rows, 7, nil)
	if len(items) > limit {
		r.note(fmt.Sprintf("Ditampilkan %d dari %d tiket; daftar lengkap ada pada berkas XLSX/CSV.", limit, len(items)))
	}
}

// ReportTitle is the title of a period report.
func ReportTitle(p Period) string {
	switch p.Kind {
	case PeriodDay:
		return "Laporan Harian Kinerja Pelayanan"
	case PeriodMonth:
		return "Laporan Bulanan Kinerja Pelayanan"
	}
	return "Laporan Kinerja Pelayanan"
}

// PeriodReportPDF renders the period report: key figures, charts, figures
// per service, counter and officer, busiest hours, late services, CSO
// consultations and the satisfaction index. perOfficer includes the IKM
// per counter and officer (for the head of office and section heads only).
func PeriodReportPDF(fig Figures, perOfficer bool) ([]byte, error) {
	title := ReportTitle(fig.Period)
	r := newReport(title, "Periode "+fig.Period.Label(), fig)
	t := fig.Total
	share, ok := t.NormShare()
	ikm := "-"
	if fig.IKM.Respondents > 0 {
		ikm = FormatDecimal(fig.IKM.Value, 2) + " (" + fig.IKM.Grade + ")"
	}
	r.heading("Ringkasan", 36)
	r.tiles([][2]string{
		{"Tiket diambil", FormatCount(t.Issued)},
		{"Dilayani", FormatCount(t.Served)},
		{"Tidak hadir", FormatCount(t.NoShow)},
		{"Dibatalkan", FormatCount(t.Cancelled)},
		{"Median waktu tunggu", FormatMinutes(t.Wait.Median, t.Wait.N > 0)},
		{"Median waktu layanan", FormatMinutes(t.Service.Median, t.Service.N > 0)},
		{"Sesuai norma waktu", FormatPercent(share, ok)},
		{"Indeks Kepuasan (IKM)", ikm},
	}, 4)
	if t.Open > 0 {
		r.note(fmt.Sprintf("%s tiket belum selesai (masih menunggu atau dipanggil) pada akhir periode.", FormatCount(t.Open)))
	}
	r.heading("Grafik", 56)
	r.seriesCharts(fig)
	r.heading("Kinerja per layanan", 20)
	r.groupTable("Layanan", fig.ByService, t)
	if fig.Filter.CounterID == "" && len(fig.ByCounter) > 0 {
		r.heading("Kinerja per loket", 20)
		r.groupTable("Loket", fig.ByCounter, t)
	}
	if fig.Filter.OfficerID == "" && len(fig.ByOfficer) > 0 {
		r.heading("Kinerja per petugas", 20)
		r.groupTable("Petugas", fig.ByOfficer, t)
	}
	r.note("Waktu tunggu: sejak tiket diambil sampai dipanggil. Waktu layanan: sejak mulai dilayani sampai selesai " +
		"(tiket yang dialihkan dijumlahkan dari riwayatnya). Sesuai norma: bagian tiket selesai yang dilayani dalam " +
		"jangka waktu Standar Pelayanan layanannya, dihitung pada jam kerja; angka dalam kurung = tiket yang memiliki norma. " +
		"Untuk norma dalam hari, yang dinilai adalah penyelesaian berkas terhadap janji pada tanda terima (lihat bagian Penyelesaian berkas).")
	rowTitle := "Hari"
	if fig.Period.From == fig.Period.To {
		rowTitle = "Layanan"
	}
	r.heading("Jam tersibuk (tiket diambil per jam)", 20)
	r.heatTable(fig.Heat, rowTitle)
	r.heading("Layanan terlambat", 20)
	r.lateTable(fig.Late, 40)
	r.heading("Penyelesaian berkas terhadap janji tanda terima", 30) // reports/files.go
	r.filesSection(fig.Files)
	if fig.Bookings != nil {
		r.heading("Janji temu", 30) // reports/bookings.go
		r.bookingSection(fig.Bookings)
	}
	if fig.CSO != nil {
		r.heading("Konsultasi CSO", 40)
		r.csoSection(fig.CSO, figuresEnd(fig))
	}
	r.heading("Indeks Kepuasan Masyarakat (IKM)", 40)
	r.ikmSection(fig, perOfficer)
	r.heading("Survei Zona Integritas (IPK dan IPAK)", 40) // reports/zi.go
	r.ziSection(fig)
	return finish(r.pdf, "period report")
}

// fitLine shortens s with "…" until it fits w at the current font.
func fitLine(pdf *gofpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// figuresEnd is the moment a report's "at the end of the period" means:
// the end of its last day, or when it was made if that is earlier.
func figuresEnd(fig Figures) time.Time {
	loc := time.Local
	if !fig.Generated.IsZero() {
		loc = fig.Generated.Location()
	}
	return periodEnd(fig.Period, loc, fig.Generated)
}

// ikmRoundingNote explains an IKM row that differs from the sum of the
// weighted NRR printed above it: the index is computed before rounding.
func ikmRoundingNote(ik IKMResult) string {
	sum := 0.0
	for i := range ik.NRR {
		v, _ := strconv.ParseFloat(strconv.FormatFloat(ik.NRR[i]*IKMWeight, 'f', 3, 64), 64)
		sum += v
	}
	if FormatDecimal(sum, 3) == FormatDecimal(ik.Index, 3) {
		return ""
	}
	return fmt.Sprintf("Jumlah NRR tertimbang yang dibulatkan per baris adalah %s; IKM %s dihitung dari nilai sebelum pembulatan.",
		FormatDecimal(sum, 3), FormatDecimal(ik.Index, 3))
}
