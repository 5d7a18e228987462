package printer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// SpoolerPrinter hands jobs to the operating system's print spooler: a PDF
// for office laser printers, or ESC/POS as a raw job for a thermal printer
// installed as a CUPS raw queue.
//
// On Linux and macOS it runs `lp -d Name` and feeds the job on stdin (CUPS
// converts the PDF). On Windows it saves the PDF under %TEMP%\loket-print
// and asks the registered PDF application to print it with PowerShell's
// `Start-Process -Verb PrintTo`, which needs a PDF reader that supports
// PrintTo (Adobe Acrobat Reader, SumatraPDF, Foxit); the files are removed
// an hour later, on a following print, because the reader opens them after
// Start-Process returns. Raw ESC/POS through the Windows spooler is not
// supported: use TCPPrinter or FilePrinter (e.g. \\.\COM3) instead.
type SpoolerPrinter struct {
	// Name is the spooler queue; empty means the system default printer.
	Name string
	// Timeout bounds handing the job over; 0 means 30 seconds.
	Timeout time.Duration
}

// Command runners, replaced in tests.
var (
	lookPath = exec.LookPath
	runCmd   = func(ctx context.Context, stdin []byte, name string, args ...string) (stdout, stderr []byte, err error) {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C") // parse English messages
		if stdin != nil {
			cmd.Stdin = bytes.NewReader(stdin)
		}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err = cmd.Run()
		return out.Bytes(), errb.Bytes(), err
	}
	goos = runtime.GOOS
)

func (p SpoolerPrinter) target() string {
	if p.Name == "" {
		return "bawaan sistem"
	}
	return p.Name
}

// Print spools job.PDF, or job.ESCPOS as a raw job when there is no PDF.
// The spooler taking the job is all it can confirm: whether the paper came
// out is between the spooler and the printer.
func (p SpoolerPrinter) Print(ctx context.Context, job Job) error {
	_, err := p.Submit(ctx, job)
	return err
}

// Submit is Print that also returns what the spooler answered: "request
// id is Kasir-12 (1 file(s))" from CUPS, empty on Windows.
func (p SpoolerPrinter) Submit(ctx context.Context, job Job) (string, error) {
	if len(job.PDF) == 0 && len(job.ESCPOS) == 0 {
		return "", wrap(KindEmptyJob, "spool", p.target(), ErrEmptyJob)
	}
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if goos == "windows" {
		return "", p.printWindows(ctx, job)
	}
	return p.printLP(ctx, job)
}

func (p SpoolerPrinter) printLP(ctx context.Context, job Job) (string, error) {
	lp, err := lookPath("lp")
	if err != nil {
		return "", wrap(KindNoSpooler, "spool", p.target(), errors.Join(ErrNoSpooler, err))
	}
	if err := p.checkQueue(ctx); err != nil {
		return "", err
	}
	args := []string{}
	if p.Name != "" {
		args = append(args, "-d", p.Name)
	}
	if t := strings.TrimSpace(ASCII(job.Name)); t != "" {
		args = append(args, "-t", t)
	}
	if job.copies() > 1 {
		args = append(args, "-n", strconv.Itoa(job.copies()))
	}
	data := job.PDF
	if len(data) == 0 {
		data = job.ESCPOS
		args = append(args, "-o", "raw")
	}
	args = append(args, "-") // read the job from stdin: no temp file
	stdout, stderr, err := runCmd(ctx, data, lp, args...)
	if err != nil {
		return "", spoolError(ctx, p.target(), err, stderr)
	}
	return strings.TrimSpace(string(stdout)), nil
}

// checkQueue refuses a job for a CUPS queue that is stopped (disabled):
// lp would take it and it would sit there, printing by surprise whenever
// someone restarts the queue, while the receipt counted as printed. A
// queue lpstat cannot tell about is left to lp to judge.
func (p SpoolerPrinter) checkQueue(ctx context.Context) error {
	if p.Name == "" {
		return nil
	}
	lpstat, err := lookPath("lpstat")
	if err != nil {
		return nil
	}
	out, _, err := runCmd(ctx, nil, lpstat, "-p", p.Name)
	if err != nil {
		return nil
	}
	for _, q := range parseLpstat(string(out)) {
		if q.Name == p.Name && !q.Enabled {
			e := wrap(KindQueueDisabled, "spool", p.target(), errors.New("queue disabled"))
			e.Detail = strings.TrimSpace(string(out))
			return e
		}
	}
	return nil
}

// spoolError classifies a failed spooler command from its stderr.
func spoolError(ctx context.Context, target string, err error, stderr []byte) error {
	if ctx.Err() != nil {
		return wrap(KindUnknown, "spool", target, ctx.Err())
	}
	detail := strings.TrimSpace(string(stderr))
	kind := KindRejected
	low := strings.ToLower(detail)
	switch {
	case errors.Is(err, exec.ErrNotFound), errors.Is(err, os.ErrNotExist):
		// the command vanished between LookPath and the run
		kind = KindNoSpooler
	case errors.Is(err, os.ErrPermission):
		kind = KindPermission
	case strings.Contains(low, "does not exist"), strings.Contains(low, "no default destination"),
		strings.Contains(low, "not found"), strings.Contains(low, "unknown printer"):
		kind = KindNotFound
	case strings.Contains(low, "scheduler is not running"), strings.Contains(low, "connection refused"),
		strings.Contains(low, "unable to connect"):
		kind = KindNoSpooler
	}
	e := wrap(kind, "spool", target, err)
	e.Detail = detail
	return e
}

// winSpoolDir holds PDFs handed to the Windows PDF reader.
func winSpoolDir() string { return filepath.Join(os.TempDir(), "loket-print") }

func (p SpoolerPrinter) printWindows(ctx context.Context, job Job) error {
	if len(job.PDF) == 0 {
		return wrap(KindEmptyJob, "spool", p.target(),
			fmt.Errorf("%w: raw ESC/POS through the Windows spooler is not supported", ErrEmptyJob))
	}
	ps, err := lookPath("powershell.exe")
	if err != nil {
		return wrap(KindNoSpooler, "spool", p.target(), errors.Join(ErrNoSpooler, err))
	}
	dir := winSpoolDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return wrap(KindUnknown, "spool", p.target(), err)
	}
	pruneOld(dir, time.Hour)
	f, err := os.CreateTemp(dir, "loket-*.pdf")
	if err != nil {
		return wrap(KindUnknown, "spool", p.target(), err)
	}
	_, werr := f.Write(job.PDF)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return wrap(KindUnknown, "spool", p.target(), werr)
	}
	verb := "Print"
	argList := ""
	if p.Name != "" {
		verb = "PrintTo"
		argList = " -ArgumentList " + psQuote(`"`+p.Name+`"`)
	}
	var script strings.Builder
	for range job.copies() {
		fmt.Fprintf(&script, "Start-Process -FilePath %s -Verb %s%s -WindowStyle Hidden -ErrorAction Stop; ",
			psQuote(f.Name()), verb, argList)
	}
	_, stderr, err := runCmd(ctx, nil, ps, "-NoProfile", "-NonInteractive", "-Command", script.String())
	if err != nil {
		return spoolError(ctx, p.target(), err, stderr)
	}
	return nil
}

// psQuote quotes s as a PowerShell single-quoted string.
func psQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func pruneOld(dir string, age time.Duration) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > age {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// SpoolerQueue is a printer known to the OS spooler.
type SpoolerQueue struct {
	Name    string
	Default bool
	// Enabled is false when the queue is paused or the printer offline.
	Enabled bool
	// State describes the queue for a person: "siap", "sedang mencetak",
	// "dinonaktifkan" or "luring".
	State string
}

// ListSpoolerPrinters lists the printers installed in the OS spooler, the
// default one marked. A PC without a spooler (no lpstat) gives an empty
// list and no error: thermal printers over TCP or USB still work there.
func ListSpoolerPrinters() ([]SpoolerQueue, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if goos == "windows" {
		return listWindows(ctx)
	}
	lpstat, err := lookPath("lpstat")
	if err != nil {
		return []SpoolerQueue{}, nil
	}
	out, _, err := runCmd(ctx, nil, lpstat, "-p", "-d")
	if ctx.Err() != nil {
		return nil, wrap(KindTimeout, "list", "lpstat", ctx.Err())
	}
	// lpstat exits non-zero when no printer is installed or the scheduler
	// is down; neither is an error to the caller, and whatever it did
	// print is still worth listing.
	_ = err
	return parseLpstat(string(out)), nil
}

// parseLpstat reads `LC_ALL=C lpstat -p -d` output.
func parseLpstat(out string) []SpoolerQueue {
	queues := []SpoolerQueue{}
	def := ""
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "printer "):
			f := strings.Fields(line)
			if len(f) < 3 {
				continue
			}
			q := SpoolerQueue{Name: f[1], Enabled: true, State: "siap"}
			rest := strings.Join(f[2:], " ")
			switch {
			case strings.HasPrefix(rest, "disabled"):
				q.Enabled, q.State = false, "dinonaktifkan"
			case strings.HasPrefix(rest, "now printing"):
				q.State = "sedang mencetak"
			}
			queues = append(queues, q)
		case strings.HasPrefix(line, "system default destination:"):
			def = strings.TrimSpace(strings.TrimPrefix(line, "system default destination:"))
		}
	}
	for i := range queues {
		queues[i].Default = queues[i].Name == def
	}
	return queues
}

func listWindows(ctx context.Context) ([]SpoolerQueue, error) {
	ps, err := lookPath("powershell.exe")
	if err != nil {
		return []SpoolerQueue{}, nil
	}
	const script = "Get-CimInstance -ClassName Win32_Printer | ForEach-Object { \"$($_.Name)`t$($_.Default)`t$($_.WorkOffline)\" }"
	out, stderr, err := runCmd(ctx, nil, ps, "-NoProfile", "-NonInteractive", "-Command", script)
	if err != nil {
		e := wrap(KindUnknown, "list", "Win32_Printer", err)
		e.Detail = strings.TrimSpace(string(stderr))
		return nil, e
	}
	return parseWindowsList(string(out)), nil
}

// parseWindowsList reads "name<TAB>True|False<TAB>True|False" lines.
func parseWindowsList(out string) []SpoolerQueue {
	queues := []SpoolerQueue{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) < 3 || f[0] == "" {
			continue
		}
		q := SpoolerQueue{Name: f[0], Default: strings.EqualFold(f[1], "true"), Enabled: true, State: "siap"}
		if strings.EqualFold(f[2], "true") {
			q.Enabled, q.State = false, "luring"
		}
		queues = append(queues, q)
	}
	return queues
}
