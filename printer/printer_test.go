package printer

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loket/printer/printertest"
	"loket/reports"
)

var wib = time.FixedZone("WIB", 7*3600)

func sampleTicket() reports.TicketStubData {
	return reports.TicketStubData{
		OfficeName:    "KPPN Jakarta II",
		OfficeAddress: "Jl. Ir. H. Juanda No. 19, Jakarta Pusat",
		ServiceName:   "Konsultasi Pencairan Dana",
		Number:        "A023",
		PriorityLabel: "Prioritas: Lansia",
		IssuedAt:      time.Date(2026, 11, 23, 8, 15, 0, 0, wib),
		ZoneLabel:     "WIB",
		Ahead:         4,
		EstimatedWait: 25 * time.Minute,
		TicketID:      "KPPN019-20261123-A023",
	}
}

// fakePrinter is a well-behaved ESC/POS printer on 127.0.0.1: it answers
// status and hands back each connection's job bytes.
func fakePrinter(t *testing.T) (addr string, jobs <-chan []byte) {
	t.Helper()
	f := printertest.Start(t, printertest.Config{})
	return f.Addr, f.Jobs
}

func TestTCPPrinterTicket(t *testing.T) {
	addr, jobs := fakePrinter(t)
	data := TicketESCPOS(sampleTicket(), Paper80)
	p := TCPPrinter{Addr: addr}
	if err := p.Print(context.Background(), Job{Name: "Tiket A023", ESCPOS: data}); err != nil {
		t.Fatalf("Print: %v (%s)", err, Message(err))
	}
	var got []byte
	select {
	case got = <-jobs:
	case <-time.After(5 * time.Second):
		t.Fatal("fake printer received nothing")
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("printer received %d bytes, sent %d", len(got), len(data))
	}

	id := "KPPN019-20261123-A023"
	n := len(id) + 3
	checks := []struct {
		name string
		seq  []byte
	}{
		{"init ESC @", []byte{0x1B, 0x40}},
		{"centre ESC a 1", []byte{0x1B, 0x61, 0x01}},
		{"bold on ESC E 1", []byte{0x1B, 0x45, 0x01}},
		{"number at 4x GS ! 0x33", append([]byte{0x1D, 0x21, 0x33}, "A023\n"...)},
		{"priority double size GS ! 0x11", []byte{0x1D, 0x21, 0x11}},
		{"reverse GS B 1", []byte{0x1D, 0x42, 0x01}},
		{"normal size GS ! 0x00", []byte{0x1D, 0x21, 0x00}},
		{"QR model 2", []byte{0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00}},
		{"QR module size", []byte{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06}},
		{"QR error correction M", []byte{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31}},
		{"QR store with length", append([]byte{0x1D, 0x28, 0x6B, byte(n), byte(n >> 8), 0x31, 0x50, 0x30}, id...)},
		{"QR print", []byte{0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30}},
		{"text", []byte("4 orang menunggu di depan Anda\n")},
		{"date", []byte("Senin, 23 November 2026 08:15 WIB\n")},
		{"estimate, transliterated", []byte("Perkiraan waktu tunggu +/- 25 menit\n")},
	}
	for _, c := range checks {
		if !bytes.Contains(got, c.seq) {
			t.Errorf("%s: % X not found", c.name, c.seq)
		}
	}
	if !bytes.HasPrefix(got, []byte{0x1B, 0x40}) {
		t.Errorf("job does not start with ESC @: % X", got[:4])
	}
	if tail := []byte{0x1B, 0x64, 0x04, 0x1D, 0x56, 0x01}; !bytes.HasSuffix(got, tail) {
		t.Errorf("job does not end with feed + partial cut GS V 1: % X", got[len(got)-6:])
	}
	for i, c := range got {
		if c >= 0x80 {
			t.Fatalf("non-ASCII byte %#x at %d", c, i)
		}
	}
}

func TestTCPPrinterCopies(t *testing.T) {
	addr, jobs := fakePrinter(t)
	data := new(Builder).Init().Line("x").Cut(false).Bytes()
	if err := (TCPPrinter{Addr: addr}).Print(context.Background(), Job{ESCPOS: data, Copies: 3}); err != nil {
		t.Fatal(err)
	}
	if got := <-jobs; !bytes.Equal(got, bytes.Repeat(data, 3)) {
		t.Fatalf("got % X", got)
	}
}

func TestTCPPrinterClosedPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	start := time.Now()
	err = (TCPPrinter{Addr: addr, DialTimeout: time.Second}).Print(context.Background(), Job{ESCPOS: []byte{0x1B, 0x40}})
	if err == nil {
		t.Fatal("want error dialling a closed port")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != KindUnreachable || pe.Op != "dial" {
		t.Fatalf("err = %#v", err)
	}
	if !strings.HasPrefix(err.Error(), "printer: dial "+addr) {
		t.Errorf("Error() = %q", err.Error())
	}
	want := "Printer " + addr + " tidak dapat dihubungi; periksa kabel jaringan dan daya printer."
	if got := Message(err); got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}

func TestTCPPrinterWriteTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	held := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept() // accept, then never read: a jammed printer
		if err == nil {
			held <- c
		}
	}()
	defer func() {
		select {
		case c := <-held:
			c.Close()
		default:
		}
	}()
	big := bytes.Repeat([]byte("x"), 16<<20) // far more than socket buffers hold
	start := time.Now()
	err = (TCPPrinter{Addr: ln.Addr().String(), WriteTimeout: 300 * time.Millisecond, NoStatus: true}).Print(context.Background(), Job{ESCPOS: big})
	if err == nil {
		t.Fatal("want a write timeout")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != KindTimeout || pe.Op != "write" {
		t.Fatalf("err = %v", err)
	}
	if got := Message(err); !strings.Contains(got, "berhenti menerima data") {
		t.Errorf("Message = %q", got)
	}
}

func TestTCPPrinterCancel(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			defer c.Close()
			time.Sleep(3 * time.Second)
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	err = (TCPPrinter{Addr: ln.Addr().String(), WriteTimeout: time.Minute}).Print(ctx, Job{ESCPOS: bytes.Repeat([]byte("x"), 16<<20)})
	if err == nil || Message(err) != "Pencetakan dibatalkan." {
		t.Fatalf("err = %v, message %q", err, Message(err))
	}
}

func TestTCPPrinterDefaultPort(t *testing.T) {
	if got := (TCPPrinter{Addr: "192.168.1.50"}).addr(); got != "192.168.1.50:9100" {
		t.Errorf("addr = %q", got)
	}
	if got := (TCPPrinter{Addr: "fe80::1"}).addr(); got != "[fe80::1]:9100" {
		t.Errorf("addr = %q", got)
	}
	if got := (TCPPrinter{Addr: "printer.lan:9101"}).addr(); got != "printer.lan:9101" {
		t.Errorf("addr = %q", got)
	}
}

func TestEmptyJob(t *testing.T) {
	for _, p := range []Printer{TCPPrinter{Addr: "127.0.0.1:1"}, FilePrinter{Path: "/nonexistent"}, SpoolerPrinter{}} {
		err := p.Print(context.Background(), Job{})
		var pe *Error
		if !errors.As(err, &pe) || pe.Kind != KindEmptyJob {
			t.Errorf("%T: err = %v", p, err)
		}
		if !strings.Contains(Message(err), "Tidak ada yang dapat dicetak") {
			t.Errorf("%T: Message = %q", p, Message(err))
		}
	}
}

func TestFilePrinter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lp0")
	data := ReceiptESCPOS(reports.ReceiptData{ReceiptNumber: "TT-1", VisitorName: "Siti"}, Paper58)
	if err := (FilePrinter{Path: path, Create: true}).Print(context.Background(), Job{ESCPOS: data}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("file holds %d bytes, err %v", len(got), err)
	}

	missing := filepath.Join(t.TempDir(), "usb", "lp9")
	err = (FilePrinter{Path: missing}).Print(context.Background(), Job{ESCPOS: data})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != KindNotFound {
		t.Fatalf("err = %v", err)
	}
	if want := "Printer di " + missing + " tidak ditemukan; pastikan kabel USB terpasang dan printer menyala."; Message(err) != want {
		t.Errorf("Message = %q", Message(err))
	}
}

func TestBuilderBytes(t *testing.T) {
	tests := []struct {
		name string
		b    *Builder
		want []byte
	}{
		{"init", new(Builder).Init(), []byte{0x1B, 0x40, 0x1B, 0x74, 0x00}},
		{"align", new(Builder).Align(AlignRight), []byte{0x1B, 0x61, 0x02}},
		{"bold", new(Builder).Bold(true).Bold(false), []byte{0x1B, 0x45, 1, 0x1B, 0x45, 0}},
		{"double", new(Builder).Size(2, 2), []byte{0x1D, 0x21, 0x11}},
		{"clamped size", new(Builder).Size(0, 9), []byte{0x1D, 0x21, 0x07}},
		{"line", new(Builder).Line("Rp 5.000 – é"), []byte("Rp 5.000 - e\n")},
		{"feed", new(Builder).Feed(3), []byte{0x1B, 0x64, 3}},
		{"full cut", new(Builder).Cut(false), []byte{0x1D, 0x56, 0}},
		{"partial cut", new(Builder).Cut(true), []byte{0x1D, 0x56, 1}},
		{"qr", new(Builder).QR("AB", 4, QRLevelH), []byte{
			0x1D, 0x28, 0x6B, 4, 0, 49, 65, 50, 0,
			0x1D, 0x28, 0x6B, 3, 0, 49, 67, 4,
			0x1D, 0x28, 0x6B, 3, 0, 49, 69, 51,
			0x1D, 0x28, 0x6B, 5, 0, 49, 80, 48, 'A', 'B',
			0x1D, 0x28, 0x6B, 3, 0, 49, 81, 48}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.Bytes(); !bytes.Equal(got, tt.want) {
				t.Errorf("got  % X\nwant % X", got, tt.want)
			}
		})
	}
	t.Run("qr long length bytes", func(t *testing.T) {
		data := strings.Repeat("9", 300)
		got := new(Builder).QR(data, 0, 0).Bytes()
		store := []byte{0x1D, 0x28, 0x6B, 0x2F, 0x01, 49, 80, 48} // 303 = 0x012F
		if !bytes.Contains(got, append(store, data...)) {
			t.Errorf("store header % X not found", store)
		}
	})
}

func TestRaster(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 10, 2))
	for x := 0; x < 10; x++ {
		img.SetGray(x, 0, color.Gray{Y: 255})
		img.SetGray(x, 1, color.Gray{Y: 255})
	}
	img.SetGray(0, 0, color.Gray{})
	img.SetGray(9, 0, color.Gray{})
	img.SetGray(1, 1, color.Gray{Y: 100})
	got := new(Builder).Raster(img, 0).Bytes()
	want := []byte{0x1D, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0x40, 0x40, 0x00}
	if !bytes.Equal(got, want) {
		t.Errorf("got  % X\nwant % X", got, want)
	}

	big := image.NewGray(image.Rect(0, 0, 1000, 300))
	got = new(Builder).Raster(big, 576).Bytes()
	// 576 dots = 72 bytes a row; 300*576/1000 = 172 rows in bands of 128.
	if !bytes.HasPrefix(got, []byte{0x1D, 0x76, 0x30, 0, 72, 0, 128, 0}) {
		t.Errorf("first band header % X", got[:8])
	}
	if len(got) != 2*8+172*72 {
		t.Errorf("len = %d", len(got))
	}
}

func TestASCIIAndWrap(t *testing.T) {
	tests := map[string]string{
		"Jl. Ir. H. Juanda":      "Jl. Ir. H. Juanda",
		"Café – “kutipan” … ±5":  "Cafe - \"kutipan\" ... +/-5",
		"Nama 😀👨‍👩‍👧 Orang":      "Nama  Orang",
		"bel\x07\x1b@":           "bel@",
		"日本":                     "??",
		"Ñoño Straße":            "Nono Strasse",
		"✓ lengkap":              "v lengkap",
		"baris\r\nbaru\tdan tab": "baris\nbaru dan tab",
	}
	for in, want := range tests {
		if got := ASCII(in); got != want {
			t.Errorf("ASCII(%q) = %q, want %q", in, got, want)
		}
	}
	got := Wrap("Surat Perintah Membayar yang ditandatangani", 16)
	want := []string{"Surat Perintah", "Membayar yang", "ditandatangani"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Wrap = %q", got)
	}
	if got := Wrap("ABCDEFGHIJ", 4); strings.Join(got, "|") != "ABCD|EFGH|IJ" {
		t.Errorf("Wrap long word = %q", got)
	}
}

func TestReceiptESCPOS(t *testing.T) {
	d := reports.ReceiptData{
		OfficeName: "KPPN Jakarta II", ReceiptNumber: "TT-019/2026/11/000123", TicketNumber: "A023",
		ReceivedAt: time.Date(2026, 11, 23, 9, 42, 0, 0, wib), ZoneLabel: "WIB",
		VisitorName: "Siti Rahmawati", ServiceName: "SPM Gaji Susulan",
		Requirements: []reports.RequirementCheck{
			{Name: "SPM", Present: true},
			{Name: "ADK SPM", Note: "tidak sesuai"},
		},
		OfficerName: "Budi", ComplaintChannels: []string{"WA 0811-1234-5678"}, Reprint: true,
	}
	for _, p := range []Paper{Paper58, Paper80} {
		got := ReceiptESCPOS(d, p)
		for _, want := range []string{"TANDA TERIMA", "[v] SPM", "[x] ADK SPM", "Catatan: tidak sesuai",
			"Status: Berkas belum lengkap,", "1. ADK SPM (tidak sesuai)", " SALINAN ", "WA 0811-1234-5678",
			"23 November"} {
			if !bytes.Contains(got, []byte(want)) {
				t.Errorf("%d mm: %q missing", p, want)
			}
		}
		for _, line := range strings.Split(string(got), "\n") {
			// strip commands crudely: only check lines that are plain text
			if !strings.ContainsAny(line, "\x1b\x1d") && len(line) > p.Columns() {
				t.Errorf("%d mm: line wider than %d columns: %q", p, p.Columns(), line)
			}
		}
		if !bytes.HasSuffix(got, []byte{0x1D, 0x56, 0}) {
			t.Errorf("%d mm: receipt does not end with a full cut", p)
		}
	}
}

func TestSpoolerLP(t *testing.T) {
	oldLook, oldRun, oldOS := lookPath, runCmd, goos
	t.Cleanup(func() { lookPath, runCmd, goos = oldLook, oldRun, oldOS })
	goos = "linux"
	lookPath = func(name string) (string, error) { return "/usr/bin/" + name, nil }
	var gotArgs []string
	var gotStdin []byte
	runCmd = func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error) {
		gotArgs, gotStdin = append([]string{name}, args...), stdin
		return []byte("request id is Kasir-12 (1 file(s))\n"), nil, nil
	}
	pdf := []byte("%PDF-1.3 ...")
	if err := (SpoolerPrinter{Name: "Kasir"}).Print(context.Background(), Job{Name: "Tanda terima", PDF: pdf, Copies: 2}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(gotArgs, " "); got != "/usr/bin/lp -d Kasir -t Tanda terima -n 2 -" {
		t.Errorf("args = %q", got)
	}
	if !bytes.Equal(gotStdin, pdf) {
		t.Error("PDF not fed on stdin")
	}

	if err := (SpoolerPrinter{Name: "Termal"}).Print(context.Background(), Job{ESCPOS: []byte{0x1B, 0x40}}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(gotArgs, " "); got != "/usr/bin/lp -d Termal -o raw -" {
		t.Errorf("raw args = %q", got)
	}

	runCmd = func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error) {
		return nil, []byte("lp: The printer or class does not exist.\n"), errors.New("exit status 1")
	}
	err := (SpoolerPrinter{Name: "Hilang"}).Print(context.Background(), Job{PDF: pdf})
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != KindNotFound {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(Message(err), `Printer "Hilang" tidak terdaftar`) {
		t.Errorf("Message = %q", Message(err))
	}

	lookPath = func(string) (string, error) { return "", errors.New("not found") }
	err = (SpoolerPrinter{}).Print(context.Background(), Job{PDF: pdf})
	if !errors.Is(err, ErrNoSpooler) || !strings.Contains(Message(err), "Layanan cetak sistem tidak tersedia") {
		t.Fatalf("err = %v / %q", err, Message(err))
	}
	if qs, err := ListSpoolerPrinters(); err != nil || qs == nil || len(qs) != 0 {
		t.Errorf("without lpstat: %v, %v; want empty list, nil", qs, err)
	}
}

func TestSpoolerWindowsCommand(t *testing.T) {
	oldLook, oldRun, oldOS := lookPath, runCmd, goos
	t.Cleanup(func() { lookPath, runCmd, goos = oldLook, oldRun, oldOS })
	goos = "windows"
	lookPath = func(name string) (string, error) { return `C:\ps\` + name, nil }
	var script string
	runCmd = func(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, []byte, error) {
		script = args[len(args)-1]
		return nil, nil, nil
	}
	if err := (SpoolerPrinter{Name: "HP LaserJet O'Brien"}).Print(context.Background(), Job{PDF: []byte("%PDF")}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(script, `-Verb PrintTo -ArgumentList '"HP LaserJet O''Brien"'`) {
		t.Errorf("script = %q", script)
	}
	err := (SpoolerPrinter{}).Print(context.Background(), Job{ESCPOS: []byte{1}})
	if !errors.Is(err, ErrEmptyJob) {
		t.Errorf("raw on Windows: err = %v", err)
	}
}

func TestParseLpstat(t *testing.T) {
	out := `printer Kasir is idle.  enabled since Mon 23 Nov 2026 08:00:00 AM WIB
printer Termal_Kiosk now printing Termal_Kiosk-7.  enabled since Mon 23 Nov 2026 08:01:00 AM WIB
printer Lama disabled since Sun 22 Nov 2026 05:00:00 PM WIB -
	reason unknown
system default destination: Kasir
`
	got := parseLpstat(out)
	want := []SpoolerQueue{
		{Name: "Kasir", Default: true, Enabled: true, State: "siap"},
		{Name: "Termal_Kiosk", Enabled: true, State: "sedang mencetak"},
		{Name: "Lama", Enabled: false, State: "dinonaktifkan"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("queue %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if q := parseLpstat("no system default destination\n"); q == nil || len(q) != 0 {
		t.Errorf("empty = %#v", q)
	}
	w := parseWindowsList("HP LaserJet\tTrue\tFalse\r\nEPSON TM-T82\tFalse\tTrue\r\n")
	if len(w) != 2 || !w[0].Default || w[1].Enabled || w[1].State != "luring" {
		t.Errorf("windows = %+v", w)
	}
}

func TestListSpoolerPrintersHere(t *testing.T) {
	// Whatever this machine has, the call must not fail or hang.
	qs, err := ListSpoolerPrinters()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("spooler queues: %+v", qs)
}

func TestMessageOtherErrors(t *testing.T) {
	if Message(nil) != "" {
		t.Error("nil")
	}
	if got := Message(errors.New("x")); !strings.HasPrefix(got, "Gagal mencetak;") {
		t.Errorf("plain = %q", got)
	}
	e := &Error{Kind: KindPermission, Op: "open", Target: "/dev/usb/lp0", Err: os.ErrPermission}
	if got := Message(e); !strings.Contains(got, "tidak diizinkan memakai printer /dev/usb/lp0") {
		t.Errorf("permission = %q", got)
	}
}

func TestTextModeHostileAndEmpty(t *testing.T) {
	emoji := "Budi 👨‍👩‍👧 Santoso \x1b@ 日本"
	for _, p := range []Paper{Paper58, Paper80} {
		for _, d := range []reports.TicketStubData{{}, {OfficeName: emoji, Number: "A0😀", ServiceName: emoji, PriorityLabel: emoji, TicketID: "x"}} {
			got := TicketESCPOS(d, p)
			if !bytes.HasPrefix(got, []byte{0x1B, 0x40}) || !bytes.HasSuffix(got, []byte{0x1D, 0x56, 1}) {
				t.Errorf("%d mm: malformed ticket % X", p, got)
			}
			if bytes.Contains(got, []byte("\x1b@ ")) {
				t.Errorf("%d mm: control bytes from data reached the printer", p)
			}
		}
		got := ReceiptESCPOS(reports.ReceiptData{VisitorName: emoji, Requirements: []reports.RequirementCheck{{Name: emoji}}}, p)
		if !bytes.Contains(got, []byte("Budi Santoso @ ??")) {
			t.Errorf("%d mm: visitor name lost", p)
		}
	}
}
