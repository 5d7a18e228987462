package printer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loket/reports"
)

// TestPageESCPOS renders the test page: the printer's address, the time,
// what it reported before printing, a column ruler to check the paper
// width, bold and double-size text and a QR code, ending with a partial
// cut. A page that comes out whole and cut proves text, graphics and the
// cutter.
func TestPageESCPOS(p Paper, target string, at time.Time, before Status) []byte {
	cols := p.Columns()
	b := new(Builder)
	b.Init().Align(AlignCenter).Bold(true).Size(2, 2).Line("CETAK UJI").Size(1, 1).Bold(false)
	b.Wrapped("Loket - printer thermal ESC/POS", cols)
	b.Wrapped(target, cols)
	b.Wrapped(reports.FormatDateTimeID(at, at.Format("MST")), cols)
	b.Rule(cols).Align(AlignLeft)
	if before.Answered {
		hanging(b, "Status: ", before.Describe(), cols)
	} else {
		hanging(b, "Status: ", "tidak diminta", cols)
	}
	b.Line("Lebar kertas (" + fmt.Sprint(cols) + " kolom):")
	ruler := strings.Repeat("1234567890", cols/10+1)[:cols]
	b.Line(ruler)
	b.Bold(true).Line("Huruf tebal").Bold(false)
	b.Size(2, 2).Line("Ukuran ganda").Size(1, 1)
	b.Reverse(true).Line(" Warna terbalik ").Reverse(false)
	b.Align(AlignCenter).Feed(1).QR("LOKET CETAK UJI", qrModule(p), QRLevelM)
	b.Wrapped("Bila semua baris di atas terbaca utuh dan kertas terpotong, printer siap dipakai.", cols)
	return b.Feed(4).Cut(true).Bytes()
}

// TestPagePDF renders the test page for a spooler queue, as a ticket stub.
func TestPagePDF(queue string, at time.Time) ([]byte, error) {
	return reports.TicketStubPDF(reports.TicketStubData{OfficeName: "Loket - cetak uji", OfficeAddress: "Antrean cetak " + queue,
		ServiceName: "Cetak uji printer sistem", Number: "UJI", IssuedAt: at, ZoneLabel: at.Format("MST"),
		Footer: "Bila halaman ini keluar utuh, antrean cetak siap dipakai."}, reports.Roll80)
}

// TestResult is what a test print found out, in words for the IT person.
type TestResult struct {
	// Lines describe, in order, what the printer or spooler answered.
	Lines []string
	// OK is true when the printer (or spooler) confirmed the page.
	OK bool
	// Err is the raw cause of a failure, for the log.
	Err error
}

// TestTCP prints the test page on a network thermal printer and reports
// what it answered before and after.
func TestTCP(ctx context.Context, p TCPPrinter, paper Paper, now time.Time) TestResult {
	return testThermal(ctx, p, paper, now)
}

// TestDevice is TestTCP for a printer device file (FilePrinter with
// CheckStatus for one that talks back).
func TestDevice(ctx context.Context, p FilePrinter, paper Paper, now time.Time) TestResult {
	return testThermal(ctx, p, paper, now)
}

func testThermal(ctx context.Context, p checkedPrinter, paper Paper, now time.Time) TestResult {
	var res TestResult
	addr := p.where()
	res.Lines = append(res.Lines, "Printer "+addr)
	before := Status{}
	if p.asksStatus() {
		st, err := p.Status(ctx)
		if err != nil {
			res.Err = err
			if kindOf(err) == KindNoStatus {
				res.Lines = append(res.Lines, "Sebelum mencetak: printer tidak menjawab permintaan status (DLE EOT); halaman uji tidak dikirim.",
					"Bila printer ini memang tidak mendukung status (sebagian printer murah), uji lagi tanpa status "+
						"(centang \"Printer thermal tidak menjawab status\" di Admin → Printer, atau --tanpa-status di baris perintah); "+
						"bila halaman uji lalu keluar dengan baik, simpan pilihan itu untuk komputer ini.",
					"Hasil: GAGAL.")
				return res
			}
			res.Lines = append(res.Lines, "Sebelum mencetak: "+Message(err), "Hasil: GAGAL.")
			return res
		}
		before = st
		res.Lines = append(res.Lines, "Sebelum mencetak: "+st.Describe(), "  byte status: "+st.Raw())
		if st.Barrier {
			res.Lines = append(res.Lines, "  printer menjawab GS r 1: selesainya pencetakan dapat dipastikan")
		} else {
			res.Lines = append(res.Lines, "  printer tidak menjawab GS r 1: hanya status sesaat yang diperiksa sesudah mencetak")
		}
		if err := problem("status", addr, st); err != nil {
			res.Err = err
			res.Lines = append(res.Lines, "Hasil: GAGAL, halaman uji tidak dikirim. "+Message(err))
			return res
		}
	} else {
		res.Lines = append(res.Lines, "Sebelum mencetak: status tidak diminta (--tanpa-status)")
	}
	page := TestPageESCPOS(paper, addr, now, before)
	rep, err := p.PrintReport(ctx, Job{Name: "Cetak uji", ESCPOS: page})
	if rep.Sent > 0 {
		res.Lines = append(res.Lines, fmt.Sprintf("Halaman uji terkirim: %d byte.", rep.Sent))
	}
	if err != nil {
		res.Err = err
		if e, ok := err.(*Error); ok && e.Status.Answered {
			when := "Sesudah mencetak: "
			if e.Op == "status" {
				when = "Sebelum mencetak (ulang): "
			}
			res.Lines = append(res.Lines, when+e.Status.Describe(), "  byte status: "+e.Status.Raw())
		}
		res.Lines = append(res.Lines, "Hasil: GAGAL. "+Message(err))
		return res
	}
	if rep.Confirmed {
		res.Lines = append(res.Lines, "Sesudah mencetak: "+rep.After.Describe(), "  byte status: "+rep.After.Raw())
		res.Lines = append(res.Lines, "Hasil: printer mengonfirmasi halaman uji telah diproses.")
	} else {
		res.Lines = append(res.Lines, "Sesudah mencetak: printer tidak menjawab; sambungan tidak terputus.",
			"Hasil: halaman uji terkirim tetapi tidak dikonfirmasi printer; periksa kertasnya.")
	}
	res.OK = true
	return res
}

// TestQueue prints the test page through the OS spooler and reports the
// queue's state and the spooler's answer.
func TestQueue(ctx context.Context, p SpoolerPrinter, now time.Time) TestResult {
	var res TestResult
	res.Lines = append(res.Lines, "Antrean cetak "+p.target())
	if qs, err := ListSpoolerPrinters(); err == nil {
		found := false
		for _, q := range qs {
			if q.Name == p.Name || (p.Name == "" && q.Default) {
				found = true
				def := ""
				if q.Default {
					def = " (bawaan sistem)"
				}
				res.Lines = append(res.Lines, "Keadaan antrean: "+q.State+def)
			}
		}
		if !found && len(qs) > 0 {
			var names []string
			for _, q := range qs {
				names = append(names, q.Name)
			}
			res.Lines = append(res.Lines, "Antrean ini tidak ada dalam daftar printer sistem: "+strings.Join(names, ", "))
		}
	}
	pdf, err := TestPagePDF(p.target(), now)
	if err != nil {
		res.Err = err
		res.Lines = append(res.Lines, "Hasil: GAGAL. Halaman uji tidak dapat dibuat.")
		return res
	}
	answer, err := p.Submit(ctx, Job{Name: "Cetak uji Loket", PDF: pdf})
	if err != nil {
		res.Err = err
		res.Lines = append(res.Lines, "Hasil: GAGAL. "+Message(err))
		return res
	}
	if answer != "" {
		res.Lines = append(res.Lines, "Jawaban antrean: "+answer)
	}
	res.Lines = append(res.Lines, "Hasil: pekerjaan diterima antrean cetak; antrean tidak melaporkan apakah kertas keluar, jadi periksa hasilnya di printer.")
	res.OK = true
	return res
}

func kindOf(err error) Kind {
	if e, ok := err.(*Error); ok {
		return e.Kind
	}
	return KindUnknown
}
