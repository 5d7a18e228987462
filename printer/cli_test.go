package printer

import (
	"bytes"
	"strings"
	"testing"

	"loket/printer/printertest"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = RunCLI(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLIPrinterTest(t *testing.T) {
	tests := []struct {
		name   string
		cfg    printertest.Config
		extra  []string
		code   int
		want   []string
		absent []string
	}{
		{name: "ready", cfg: printertest.Config{}, code: 0, want: []string{
			"Sebelum mencetak: daring (online); kertas cukup; tutup tertutup; tanpa galat",
			"byte status: DLE EOT 1=0x12 2=0x12 3=0x12 4=0x12, GS r 1=0x00",
			"printer menjawab GS r 1", "Halaman uji terkirim:", "Sesudah mencetak: daring (online)",
			"Hasil: printer mengonfirmasi halaman uji telah diproses."}},
		{name: "paper out", cfg: printertest.Config{State: printertest.PaperOut()}, code: 1, want: []string{
			"Sebelum mencetak: luring (offline); kertas habis", "Hasil: GAGAL, halaman uji tidak dikirim. Printer", "kehabisan kertas",
			"DLE EOT 1=0x1A 2=0x32 3=0x12 4=0x72"}, absent: []string{"Halaman uji terkirim"}},
		{name: "cover open", cfg: printertest.Config{State: printertest.CoverOpen()}, code: 1, want: []string{"tutup terbuka", "Tutup printer"}},
		{name: "silent clone", cfg: printertest.Config{Silent: true}, extra: []string{"--batas-waktu", "0,2"}, code: 1,
			want: []string{"tidak menjawab", "--tanpa-status"}},
		{name: "silent clone with --tanpa-status", cfg: printertest.Config{Silent: true}, extra: []string{"--tanpa-status", "--batas-waktu=0.2", "--kertas", "58"},
			code: 0, want: []string{"status tidak diminta", "Halaman uji terkirim", "tidak dikonfirmasi printer"}},
		{name: "closes at once", cfg: printertest.Config{Close: true}, code: 1, want: []string{"memutus sambungan sebelum mencetak"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := printertest.Start(t, tt.cfg)
			code, out, errs := runCLI(append([]string{"test", f.Addr}, tt.extra...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, out, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(out, a) {
					t.Errorf("output has %q:\n%s", a, out)
				}
			}
			if code != 0 && !strings.Contains(errs, "rincian teknis: printer: ") {
				t.Errorf("raw cause not on stderr: %q", errs)
			}
			if strings.Contains(out, "i/o timeout") || strings.Contains(out, "EOF") {
				t.Errorf("raw error text on stdout:\n%s", out)
			}
			f.Stop()
			var page []byte
			for len(f.Jobs) > 0 {
				if job := <-f.Jobs; len(job) > 0 {
					page = job
				}
			}
			printed := bytes.Contains(page, []byte("CETAK UJI")) && bytes.HasSuffix(page, []byte{0x1D, 0x56, 1})
			if printed != (tt.code == 0) {
				t.Errorf("test page printed %v, exit %d: %q", printed, tt.code, page)
			}
		})
	}
}

func TestCLIUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string // on stdout (code 0) or stderr
	}{
		{[]string{"--help"}, 0, "loket printer test HOST[:PORT]"},
		{[]string{"help"}, 0, "--queue NAMA"},
		{[]string{"test", "--help"}, 0, "Pemakaian:"},
		{nil, 2, "belum diberikan"},
		{[]string{"cetak"}, 2, "tidak dikenal"},
		{[]string{"test"}, 2, "salah satu"},
		{[]string{"test", "a:9100", "--queue", "Kasir"}, 2, "salah satu"},
		{[]string{"test", "a:9100", "b:9100"}, 2, "dua kali"},
		{[]string{"test", "a:9100", "--kertas", "76"}, 2, "58 atau 80"},
		{[]string{"test", "a:9100", "--batas-waktu", "nol"}, 2, "--batas-waktu"},
		{[]string{"test", "--queue"}, 2, "perlu nama"},
		{[]string{"test", "a:9100", "--warna"}, 2, "tidak dikenal"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := runCLI(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d", code, tt.code)
			}
			where := errs
			if code == 0 {
				where = out
			}
			if !strings.Contains(where, tt.out) {
				t.Errorf("%q lacks %q", where, tt.out)
			}
		})
	}
}

// TestCLIQueueWithoutSpooler runs the queue test where no lp exists: the
// answer is an Indonesian sentence, never exec's "executable file not
// found".
func TestCLIQueueWithoutSpooler(t *testing.T) {
	oldOS := goos
	t.Cleanup(func() { goos = oldOS })
	goos = "linux"
	t.Setenv("PATH", t.TempDir())
	code, out, errs := runCLI("test", "--queue", "Kasir")
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "Layanan cetak sistem tidak tersedia di komputer ini") || strings.Contains(out, "exec:") ||
		strings.Contains(out, "executable file not found") {
		t.Errorf("stdout:\n%s", out)
	}
	if !strings.Contains(errs, "executable file not found") {
		t.Errorf("the raw cause belongs on stderr for the IT person: %q", errs)
	}
}
