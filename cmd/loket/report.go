package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"loket/office"
	"loket/reports"
	"loket/store"
)

const reportUsage = `Pemakaian:
  loket report harian   [--tanggal YYYY-MM-DD]            laporan satu hari (bawaan: hari ini)
  loket report bulanan  [--bulan YYYY-MM]                 laporan satu bulan (bawaan: bulan ini)
  loket report rentang  --dari YYYY-MM-DD --sampai YYYY-MM-DD
  loket report briefing [--tanggal YYYY-MM-DD]            lembar pengarahan pagi (meninjau hari kerja sebelumnya)
Pilihan:
  --format pdf|xlsx|csv|semua   (bawaan: pdf; csv: satu berkas per tabel, pemisah ";" dan koma desimal)
  --out FOLDER                  folder hasil (bawaan: folder saat ini)
  --layanan HURUF | --loket NOMOR | --petugas NAMA-PENGGUNA   batasi laporan
  --tanpa-petugas               tanpa IKM per loket dan per petugas
`

// runReport writes a period report or the morning briefing from the store
// on this PC. Whoever can read the store file may read its figures, so the
// command line asks for no login.
func runReport(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, reportUsage)
		return 0
	}
	kind := args[0]
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	date := fs.String("tanggal", "", "tanggal YYYY-MM-DD")
	month := fs.String("bulan", "", "bulan YYYY-MM")
	from := fs.String("dari", "", "tanggal awal YYYY-MM-DD")
	to := fs.String("sampai", "", "tanggal akhir YYYY-MM-DD")
	format := fs.String("format", "pdf", "pdf, xlsx, csv atau semua")
	out := fs.String("out", ".", "folder hasil")
	svcPrefix := fs.String("layanan", "", "huruf awalan layanan")
	counter := fs.String("loket", "", "nomor loket")
	officer := fs.String("petugas", "", "nama pengguna petugas")
	noOfficers := fs.Bool("tanpa-petugas", false, "tanpa IKM per loket dan petugas")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	formats := map[string]bool{}
	for _, f := range strings.Split(*format, ",") {
		switch f = strings.ToLower(strings.TrimSpace(f)); f {
		case "pdf", "xlsx", "csv":
			formats[f] = true
		case "semua":
			formats["pdf"], formats["xlsx"], formats["csv"] = true, true, true
		default:
			fmt.Fprintf(stderr, "Format %q tidak dikenal (pdf, xlsx, csv atau semua).\n", f)
			return 2
		}
	}
	st := openStoreOrSay(stderr)
	if st == nil {
		return 1
	}
	defer st.Close()
	ctx := context.Background()
	l := office.NewLocal(st)
	off, err := l.Office(ctx)
	if errors.Is(err, store.ErrNoOffice) {
		fmt.Fprintln(stderr, officeNotSetUp)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "Data kantor tidak dapat dibaca: %v\n", err)
		return 1
	}
	now := st.Now().In(off.Location())
	parseDay := func(s string) (time.Time, bool) {
		if s == "" {
			return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), true
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			fmt.Fprintf(stderr, "Tanggal %q tidak valid; tulis YYYY-MM-DD, misalnya 2026-11-23.\n", s)
			return t, false
		}
		return t, true
	}
	filter, msg := reportFilter(ctx, l, *svcPrefix, *counter, *officer)
	if msg != "" {
		fmt.Fprintln(stderr, msg)
		return 2
	}
	perOfficer := !*noOfficers
	var outputs []reportOutput
	switch kind {
	case "harian":
		d, ok := parseDay(*date)
		if !ok {
			return 2
		}
		outputs, err = periodOutputs(ctx, l, reports.DayPeriod(d), filter, perOfficer, formats)
	case "bulanan":
		m := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		if *month != "" {
			if m, err = time.Parse("2006-01", *month); err != nil {
				fmt.Fprintf(stderr, "Bulan %q tidak valid; tulis YYYY-MM, misalnya 2026-11.\n", *month)
				return 2
			}
		}
		outputs, err = periodOutputs(ctx, l, reports.MonthPeriod(m), filter, perOfficer, formats)
	case "rentang":
		if *from == "" || *to == "" {
			fmt.Fprintln(stderr, "Laporan rentang memerlukan --dari dan --sampai (YYYY-MM-DD).")
			return 2
		}
		a, ok1 := parseDay(*from)
		b, ok2 := parseDay(*to)
		if !ok1 || !ok2 {
			return 2
		}
		outputs, err = periodOutputs(ctx, l, reports.RangePeriod(a, b), filter, perOfficer, formats)
	case "briefing":
		d, ok := parseDay(*date)
		if !ok {
			return 2
		}
		meeting := time.Date(d.Year(), d.Month(), d.Day(), 7, 30, 0, 0, off.Location())
		outputs, err = briefingOutputs(ctx, l, meeting, formats)
	default:
		fmt.Fprintf(stderr, "Jenis laporan %q tidak dikenal.\n\n%s", kind, reportUsage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "Laporan tidak dapat dibuat: %s\n", store.Message(err))
		var se *store.Error
		if !errors.As(err, &se) {
			fmt.Fprintf(stderr, "(rincian: %v)\n", err)
		}
		return 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "Folder %s tidak dapat dibuat: %v\n", *out, err)
		return 1
	}
	for _, o := range outputs {
		p := filepath.Join(*out, o.name)
		if err := os.WriteFile(p, o.data, 0o644); err != nil {
			fmt.Fprintf(stderr, "Berkas %s tidak dapat ditulis: %v\n", p, err)
			return 1
		}
		fmt.Fprintln(stdout, p)
	}
	return 0
}

type reportOutput struct {
	name string
	data []byte
}

func periodOutputs(ctx context.Context, l *office.Local, p reports.Period, f reports.Filter, perOfficer bool, formats map[string]bool) ([]reportOutput, error) {
	fig, err := l.Figures(ctx, p, f)
	if err != nil {
		return nil, err
	}
	base := reports.FileBase(p)
	var out []reportOutput
	if formats["pdf"] {
		b, err := reports.PeriodReportPDF(fig, perOfficer)
		if err != nil {
			return nil, err
		}
		out = append(out, reportOutput{base + ".pdf", b})
	}
	more, err := tableOutputs(base, reports.ReportTables(fig, perOfficer), formats)
	return append(out, more...), err
}

// briefingOutputs renders the morning briefing held at meeting in the
// chosen formats: the sheet as PDF, its tables as XLSX and CSV.
func briefingOutputs(ctx context.Context, l *office.Local, meeting time.Time, formats map[string]bool) ([]reportOutput, error) {
	day, recent, err := office.BriefingFigures(ctx, l, func(p reports.Period) (reports.Figures, error) {
		return l.Figures(ctx, p, reports.Filter{})
	}, meeting)
	if err != nil {
		return nil, err
	}
	base := "pengarahan-pagi-" + meeting.Format("2006-01-02")
	var out []reportOutput
	if formats["pdf"] {
		b, err := reports.BriefingPDF(day, recent, meeting)
		if err != nil {
			return nil, err
		}
		out = append(out, reportOutput{base + ".pdf", b})
	}
	more, err := tableOutputs(base, reports.BriefingTables(day, recent), formats)
	return append(out, more...), err
}

// tableOutputs writes tables as one workbook and as one CSV file per table.
func tableOutputs(base string, tables []reports.Table, formats map[string]bool) ([]reportOutput, error) {
	var out []reportOutput
	if formats["xlsx"] {
		b, err := reports.XLSX(tables)
		if err != nil {
			return nil, err
		}
		out = append(out, reportOutput{base + ".xlsx", b})
	}
	if formats["csv"] {
		files, err := reports.CSVFiles(base, tables)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			out = append(out, reportOutput{f.Name, f.Data})
		}
	}
	return out, nil
}

// reportFilter finds the service, counter or officer named on the command
// line; msg explains a name that matches nothing.
func reportFilter(ctx context.Context, l *office.Local, prefix, counter, username string) (reports.Filter, string) {
	var f reports.Filter
	if prefix != "" {
		svcs, _ := l.Services(ctx)
		for _, s := range svcs {
			if strings.EqualFold(s.Prefix, prefix) {
				f.ServiceID = s.ID
			}
		}
		if f.ServiceID == "" {
			return f, fmt.Sprintf("Layanan dengan huruf %q tidak ada.", prefix)
		}
	}
	if counter != "" {
		n, _ := strconv.Atoi(counter)
		ctrs, _ := l.Counters(ctx)
		for _, c := range ctrs {
			if c.Number == n {
				f.CounterID = c.ID
			}
		}
		if f.CounterID == "" {
			return f, fmt.Sprintf("Loket nomor %q tidak ada.", counter)
		}
	}
	if username != "" {
		offs, _ := l.Officers(ctx)
		for _, o := range offs {
			if strings.EqualFold(o.Username, username) {
				f.OfficerID = o.ID
			}
		}
		if f.OfficerID == "" {
			return f, fmt.Sprintf("Petugas dengan nama pengguna %q tidak ada.", username)
		}
	}
	return f, ""
}
