package workday

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// cliUsage is printed for `help` and after a usage error, in Indonesian
// because the CLI is used by office staff as much as by engineers.
const cliUsage = `Penggunaan:
  loket workday add --from YYYY-MM-DD --days N
      tanggal N hari kerja setelah tanggal --from (N=0: tanggal itu sendiri)
  loket workday add --from "YYYY-MM-DD JJ:MM" --work-hours N
      tenggat N jam kerja sejak waktu --from (pecahan boleh, misalnya 1.5)
  loket workday is YYYY-MM-DD
      mencetak "kerja" atau "libur: <keterangan>"; hari libur tahun yang SKB-nya
      belum dimuat dihitung menurut aturan dan ditandai "(perkiraan)"
  loket workday list YYYY
      daftar hari libur tahun itu: dari SKB bila dimuat, selain itu perkiraan

Opsi tambahan:
  --zone ZONA        Asia/Jakarta (bawaan), Asia/Makassar, Asia/Jayapura, atau WIB/WITA/WIT
  --calendar FILE    kalender CSV (tanggal,jenis,keterangan); tahun yang ada di berkas
                     menggantikan tahun yang sama di kalender bawaan
`

// Exit codes of RunCLI: 2 for anything the user typed wrong, as flag
// parsers conventionally do, and 1 when the shipped calendar is broken.
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
)

// maxCLIDays bounds --days; ten years of working days is far beyond any SLA
// and keeps a typo from spinning through millions of dates.
const maxCLIDays = 3660

// usageError is a mistake in the command line: reported with exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// RunCLI runs the workday verbs with args (without the leading "workday"),
// writing results to stdout and messages to stderr, and returns the exit
// code: 0 on success, 2 for bad input (message in Indonesian on stderr),
// 1 if the embedded calendar cannot be read. A missing holiday calendar
// for a year involved is a warning on stderr, not a failure, because the
// answer is still right about weekends and the officer may need it anyway.
func RunCLI(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "Perintah workday belum diberikan.\n\n"+cliUsage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, cliUsage)
		return exitOK
	case "add":
		err = cliAdd(args[1:], stdout, stderr)
	case "is":
		err = cliIs(args[1:], stdout, stderr)
	case "list":
		err = cliList(args[1:], stdout, stderr)
	default:
		err = usagef("perintah %q tidak dikenal; gunakan add, is atau list", args[0])
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitInternal
}

// cliArgs splits args into --name value options (also --name=value and a
// single dash) and positional arguments. It is hand-written rather than
// package flag so that options may follow the positional date and every
// message is in Indonesian.
func cliArgs(args []string, known ...string) (map[string]string, []string, error) {
	opts := map[string]string{}
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' || (a[1] >= '0' && a[1] <= '9') {
			pos = append(pos, a) // includes negative numbers
			continue
		}
		name := strings.TrimLeft(a, "-")
		value, hasValue := "", false
		if k, v, ok := strings.Cut(name, "="); ok {
			name, value, hasValue = k, v, true
		}
		valid := false
		for _, k := range known {
			valid = valid || k == name
		}
		if !valid {
			return nil, nil, usagef("opsi --%s tidak dikenal untuk perintah ini", name)
		}
		if _, dup := opts[name]; dup {
			return nil, nil, usagef("opsi --%s diberikan lebih dari sekali", name)
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, nil, usagef("opsi --%s memerlukan nilai", name)
			}
			i++
			value = args[i]
		}
		opts[name] = value
	}
	return opts, pos, nil
}

// cliSchedule builds the schedule from --zone and --calendar, defaulting to
// DefaultSchedule's parts.
func cliSchedule(opts map[string]string) (*Schedule, error) {
	cal, err := DefaultCalendar()
	if err != nil {
		return nil, err // broken build, not the user's fault
	}
	if path, ok := opts["calendar"]; ok {
		f, err := os.Open(path)
		if err != nil {
			return nil, usagef("berkas kalender %q tidak dapat dibuka", path)
		}
		hs, err := ParseHolidaysCSV(f)
		f.Close()
		if err != nil {
			return nil, usagef("berkas kalender %s: %v", path, err)
		}
		if cal, err = cal.Merge(hs); err != nil {
			return nil, usagef("berkas kalender %s: %v", path, err)
		}
	}
	zone := ZoneJakarta
	if z, ok := opts["zone"]; ok {
		zone = z
	}
	s, err := NewSchedule(zone, DefaultHours(), cal)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	return s, nil
}

func warn(stderr io.Writer, msg string) {
	if msg != "" {
		fmt.Fprintln(stderr, "Peringatan: "+msg)
	}
}

func cliAdd(args []string, stdout, stderr io.Writer) error {
	opts, pos, err := cliArgs(args, "from", "days", "work-hours", "zone", "calendar")
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("argumen %q tidak dikenal; tanggal diberikan dengan --from", pos[0])
	}
	from, ok := opts["from"]
	if !ok {
		return usagef("opsi --from wajib diisi, misalnya --from 2026-03-17")
	}
	daysText, hasDays := opts["days"]
	hoursText, hasHours := opts["work-hours"]
	if hasDays == hasHours {
		return usagef("berikan tepat satu dari --days atau --work-hours")
	}
	s, err := cliSchedule(opts)
	if err != nil {
		return err
	}

	if hasDays {
		d, err := ParseDate(strings.TrimSpace(from))
		if err != nil {
			return usagef("--from: %v; --days memakai tanggal saja", err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(daysText))
		if err != nil {
			return usagef("--days: %q bukan bilangan bulat", daysText)
		}
		if n > maxCLIDays || n < -maxCLIDays {
			return usagef("--days: %d terlalu besar (paling banyak %d)", n, maxCLIDays)
		}
		due := s.AddWorkDays(d, n)
		fmt.Fprintln(stdout, due)
		warn(stderr, s.Calendar().Warning(min(d.Year, due.Year), max(d.Year, due.Year)))
		return nil
	}

	start, err := parseCLITime(strings.TrimSpace(from), s)
	if err != nil {
		return err
	}
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(hoursText), ",", ".", 1), 64)
	if err != nil {
		return usagef("--work-hours: %q bukan angka", hoursText)
	}
	due, err := s.Deadline(start, v, UnitWorkHour)
	if err != nil {
		return usagef("--work-hours: %v", err)
	}
	fmt.Fprintln(stdout, due.Format("2006-01-02 15:04"))
	warn(stderr, s.Warning(start, due))
	return nil
}

// parseCLITime reads "YYYY-MM-DD HH:MM" (a T instead of the space is fine)
// or a bare date, meaning midnight, which counts from opening time.
func parseCLITime(text string, s *Schedule) (_ time.Time, err error) {
	datePart, clockPart, hasClock := strings.Cut(text, " ")
	if !hasClock {
		datePart, clockPart, hasClock = strings.Cut(text, "T")
	}
	d, err := ParseDate(datePart)
	if err != nil {
		return time.Time{}, usagef("--from: %v", err)
	}
	var tod TimeOfDay
	if hasClock {
		if tod, err = ParseTimeOfDay(strings.TrimSpace(clockPart)); err != nil {
			return time.Time{}, usagef("--from: %v; gunakan \"YYYY-MM-DD JJ:MM\"", err)
		}
	}
	return d.At(tod, s.Location()), nil
}

func cliIs(args []string, stdout, stderr io.Writer) error {
	opts, pos, err := cliArgs(args, "zone", "calendar")
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("perintah is memerlukan tepat satu tanggal, misalnya: is 2026-03-19")
	}
	d, err := ParseDate(strings.TrimSpace(pos[0]))
	if err != nil {
		return usageError{err.Error()}
	}
	s, err := cliSchedule(opts)
	if err != nil {
		return err
	}
	if ok, reason := s.IsWorkingDay(d); ok {
		fmt.Fprintln(stdout, "kerja")
	} else {
		fmt.Fprintln(stdout, "libur: "+reason)
	}
	warn(stderr, s.Calendar().Warning(d.Year, d.Year))
	return nil
}

// cliList prints a year's holidays, one a line: date, kind and name, with
// "(perkiraan)" for estimates, so an officer can check what deadlines skip.
func cliList(args []string, stdout, stderr io.Writer) error {
	opts, pos, err := cliArgs(args, "zone", "calendar")
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("perintah list memerlukan tepat satu tahun, misalnya: list 2027")
	}
	y, err := strconv.Atoi(strings.TrimSpace(pos[0]))
	if err != nil || y < 1 || y > 9999 {
		return usagef("tahun %q tidak valid; tulis empat angka, misalnya 2027", pos[0])
	}
	s, err := cliSchedule(opts)
	if err != nil {
		return err
	}
	hs := s.Calendar().YearHolidays(y)
	for _, h := range hs {
		fmt.Fprintf(stdout, "%s  %-14s  %s\n", h.Date, h.Kind, h.Label())
	}
	if len(hs) == 0 {
		fmt.Fprintf(stderr, "Tidak ada hari libur yang diketahui untuk tahun %d.\n", y)
	}
	warn(stderr, s.Calendar().Warning(y, y))
	return nil
}
