package workday

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = RunCLI(args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestRunCLI(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		stdout    string
		stderrHas string // "" means stderr must be empty
		code      int
	}{
		{"add days over Lebaran", []string{"add", "--from", "2026-03-17", "--days", "1"}, "2026-03-25\n", "", 0},
		{"add days flags reversed with =", []string{"add", "--days=1", "--from=2026-03-17"}, "2026-03-25\n", "", 0},
		{"add zero days", []string{"add", "--from", "2026-03-21", "--days", "0"}, "2026-03-21\n", "", 0},
		{"add days from Friday", []string{"add", "--from", "2026-03-13", "--days", "1"}, "2026-03-16\n", "", 0},
		{"add negative days", []string{"add", "--from", "2026-03-25", "--days", "-1"}, "2026-03-17\n", "", 0},
		{"add days into 2027 warns", []string{"add", "--from", "2026-12-30", "--days", "2"}, "2027-01-04\n", "Peringatan: Hari libur tahun 2027 masih perkiraan sampai SKB-nya diimpor", 0},
		// Issue 18: 24 Dec cuti bersama and 25 Dec (SKB 2026), 1 Jan 2027 estimated.
		{"add days over the new year", []string{"add", "--from", "2026-12-23", "--days", "5"}, "2027-01-04\n", "Peringatan: Hari libur tahun 2027 masih perkiraan sampai SKB-nya diimpor", 0},
		{"add work hours", []string{"add", "--from", "2026-03-16 16:30", "--work-hours", "1"}, "2026-03-17 08:30\n", "", 0},
		{"add work hours over Lebaran", []string{"add", "--from", "2026-03-17 16:30", "--work-hours", "1"}, "2026-03-25 08:30\n", "", 0},
		{"add work hours decimal comma", []string{"add", "--from", "2026-03-16 16:30", "--work-hours", "1,5"}, "2026-03-17 09:00\n", "", 0},
		{"add work hours from date only", []string{"add", "--from", "2026-03-16", "--work-hours", "2"}, "2026-03-16 10:00\n", "", 0},
		{"add work hours WITA", []string{"add", "--zone", "WITA", "--from", "2026-03-13 16:30", "--work-hours", "1"}, "2026-03-16 08:30\n", "", 0},
		{"is Nyepi", []string{"is", "2026-03-19"}, "libur: Hari Suci Nyepi (Tahun Baru Saka 1948)\n", "", 0},
		{"is cuti bersama", []string{"is", "2026-03-23"}, "libur: Idul Fitri 1447 Hijriah\n", "", 0},
		{"is Saturday", []string{"is", "2026-03-14"}, "libur: Sabtu\n", "", 0},
		{"is Sunday", []string{"is", "2026-03-15"}, "libur: Minggu\n", "", 0},
		{"is working", []string{"is", "2026-03-25"}, "kerja\n", "", 0},
		{"is with zone after date", []string{"is", "2026-03-25", "--zone", "Asia/Jayapura"}, "kerja\n", "", 0},
		{"is year without calendar", []string{"is", "2027-01-04"}, "kerja\n", "Peringatan: Hari libur tahun 2027 masih perkiraan sampai SKB-nya diimpor", 0},
		{"is estimated new year", []string{"is", "2027-01-01"}, "libur: Tahun Baru 2027 Masehi (perkiraan)\n", "Peringatan: Hari libur tahun 2027 masih perkiraan sampai SKB-nya diimpor", 0},
		{"help", []string{"help"}, cliUsage, "", 0},
		{"list bad year", []string{"list", "dua ribu"}, "", "tahun \"dua ribu\" tidak valid", 2},
		{"list no year", []string{"list"}, "", "tepat satu tahun", 2},

		{"no verb", nil, "", "Perintah workday belum diberikan.", 2},
		{"unknown verb", []string{"hitung"}, "", `perintah "hitung" tidak dikenal`, 2},
		{"is bad date", []string{"is", "2026-13-01"}, "", `tanggal "2026-13-01" tidak valid (format YYYY-MM-DD)`, 2},
		{"is no date", []string{"is"}, "", "memerlukan tepat satu tanggal", 2},
		{"is two dates", []string{"is", "2026-03-19", "2026-03-20"}, "", "memerlukan tepat satu tanggal", 2},
		{"add without from", []string{"add", "--days", "1"}, "", "opsi --from wajib diisi", 2},
		{"add without amount", []string{"add", "--from", "2026-03-17"}, "", "tepat satu dari --days atau --work-hours", 2},
		{"add both amounts", []string{"add", "--from", "2026-03-17", "--days", "1", "--work-hours", "1"}, "", "tepat satu dari --days atau --work-hours", 2},
		{"days not a number", []string{"add", "--from", "2026-03-17", "--days", "satu"}, "", `--days: "satu" bukan bilangan bulat`, 2},
		{"days too large", []string{"add", "--from", "2026-03-17", "--days", "99999"}, "", "terlalu besar", 2},
		{"days with time", []string{"add", "--from", "2026-03-17 10:00", "--days", "1"}, "", "--days memakai tanggal saja", 2},
		{"bad clock", []string{"add", "--from", "2026-03-17 25:00", "--work-hours", "1"}, "", `jam "25:00" tidak valid`, 2},
		{"negative work hours", []string{"add", "--from", "2026-03-17 10:00", "--work-hours", "-1"}, "", "tidak boleh negatif", 2},
		{"work hours not a number", []string{"add", "--from", "2026-03-17 10:00", "--work-hours", "x"}, "", "bukan angka", 2},
		{"unknown option", []string{"add", "--foo", "1"}, "", "opsi --foo tidak dikenal", 2},
		{"option without value", []string{"add", "--from"}, "", "opsi --from memerlukan nilai", 2},
		{"repeated option", []string{"add", "--from", "2026-03-17", "--from", "2026-03-18", "--days", "1"}, "", "lebih dari sekali", 2},
		{"bad zone", []string{"is", "2026-03-19", "--zone", "Mars/Olympus"}, "", `zona waktu "Mars/Olympus" tidak dikenal`, 2},
		{"missing calendar file", []string{"is", "2026-03-19", "--calendar", "/nonexistent/libur.csv"}, "", "tidak dapat dibuka", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(tt.args...)
			if code != tt.code || stdout != tt.stdout {
				t.Errorf("RunCLI(%q) = %d, stdout %q; want %d, %q (stderr %q)", tt.args, code, stdout, tt.code, tt.stdout, stderr)
			}
			if tt.stderrHas == "" && stderr != "" {
				t.Errorf("unexpected stderr %q", stderr)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderrHas)
			}
		})
	}
}

func TestRunCLICalendarFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "hari-libur-2027.csv")
	if err := os.WriteFile(good, []byte("tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := runCLI("is", "2027-01-01", "--calendar", good); code != 0 || out != "libur: Tahun Baru 2027 Masehi\n" || errOut != "" {
		t.Errorf("2027 file: %d %q %q", code, out, errOut)
	}
	// The shipped 2026 calendar stays in force next to the imported year.
	if out, _, code := runCLI("add", "--calendar", good, "--from", "2026-03-17", "--days", "1"); code != 0 || out != "2026-03-25\n" {
		t.Errorf("2026 with 2027 file: %d %q", code, out)
	}
	bad := filepath.Join(dir, "rusak.csv")
	if err := os.WriteFile(bad, []byte("tanggal,jenis,keterangan\n2027-02-30,libur_nasional,X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runCLI("is", "2027-01-01", "--calendar", bad)
	if code != 2 || !strings.Contains(errOut, `baris 2: tanggal "2027-02-30" tidak valid`) {
		t.Errorf("bad file: %d %q", code, errOut)
	}
}

// list prints the decree for a loaded year and the estimates, marked, for
// a year without its SKB.
func TestRunCLIList(t *testing.T) {
	out, errOut, code := runCLI("list", "2026")
	if code != 0 || errOut != "" || strings.Count(out, "\n") != 25 || strings.Contains(out, "perkiraan") ||
		!strings.Contains(out, "2026-12-24  cuti_bersama    Kelahiran Yesus Kristus\n") {
		t.Fatalf("list 2026 = %d, %q, %q", code, out, errOut)
	}
	out, errOut, code = runCLI("list", "2027")
	if code != 0 || !strings.HasPrefix(out, "2027-01-01  libur_nasional  Tahun Baru 2027 Masehi (perkiraan)\n") ||
		strings.Contains(out, "cuti_bersama") || !strings.Contains(errOut, "masih perkiraan") {
		t.Fatalf("list 2027 = %d, %q, %q", code, out, errOut)
	}
}
