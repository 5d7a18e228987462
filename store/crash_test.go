//go:build !windows

package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"loket/store"
)

// crashDay is the business day every process of these tests issues on:
// each pins its clock to 10:00 WIB that day and lets it run from there, so
// a run that crosses midnight WIB still finds all its tickets on one day.
var crashDay = time.Date(2026, 11, 23, 10, 0, 0, 0, time.FixedZone("WIB", 7*3600))

// pinnedClock is a clock that starts at crashDay when it is made and
// advances with the real time, as store.Store.Now must.
func pinnedClock() func() time.Time {
	start := time.Now()
	return func() time.Time { return crashDay.Add(time.Since(start)) }
}

// TestCrashChild is the child of TestKilledMidIssuance: it issues tickets
// until it is killed (or LOKET_CHILD_COUNT of them, for
// TestProcessesIssueTogether), printing each number after its commit
// returned.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("LOKET_CRASH_DB")
	if path == "" {
		t.Skip("only run as the child of TestKilledMidIssuance")
	}
	st, err := store.Open(path)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	st.Now = pinnedClock()
	ctx := context.Background()
	svcs, _ := st.Services(ctx)
	limit, _ := strconv.Atoi(os.Getenv("LOKET_CHILD_COUNT"))
	pause, _ := time.ParseDuration(os.Getenv("LOKET_CHILD_PAUSE"))
	for i := 0; limit == 0 || i < limit; i++ {
		time.Sleep(pause)
		tk, err := st.IssueTicket(ctx, svcs[i%len(svcs)].ID, "")
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(3)
		}
		fmt.Println(tk.Code())
	}
	st.Close()
}

// TestKilledMidIssuance SIGKILLs a process issuing tickets, again and again,
// and proves that every committed ticket survives and no number is reused.
func TestKilledMidIssuance(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	st, _, _, _ := newOffice(t, "A", "B")
	path := filepath.Join(t.TempDir(), "crash.db")
	ctx := context.Background()
	if err := st.BackupTo(ctx, path); err != nil {
		t.Fatal(err)
	}
	committed := map[string]bool{}
	for round := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "LOKET_CRASH_DB="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		lines := 0
		kill := 20 + round*15 // kill at a different point each round
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "ERR") {
				t.Fatalf("child: %s", line)
			}
			if len(line) == 4 {
				committed[line] = true
				lines++
			}
			if lines == kill {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
		_ = cmd.Wait()
		if lines < kill {
			t.Fatalf("round %d: child stopped after %d tickets", round, lines)
		}
		time.Sleep(10 * time.Millisecond)
	}
	re, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	if err := re.Integrity(ctx); err != nil {
		t.Fatal(err)
	}
	stored := checkIssued(t, re)
	for code := range committed {
		if !stored[code] {
			t.Fatalf("committed ticket %s lost", code)
		}
	}
	t.Logf("%d tickets over 6 kills, %d acknowledged before the kill", len(stored), len(committed))
}

// checkIssued reads crashDay's tickets of a store that processes issued into
// and checks what must hold whoever issued and however they ended: no
// number twice, none skipped and filled later, one issue event a ticket.
// It returns the stored numbers.
func checkIssued(t *testing.T, st *store.Store) map[string]bool {
	t.Helper()
	ctx := context.Background()
	date := crashDay.Format(store.DateLayout)
	tickets, err := st.TicketsOn(ctx, date)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	maxN := map[string]int{}
	for _, tk := range tickets {
		if stored[tk.Code()] {
			t.Fatalf("duplicate %s", tk.Code())
		}
		stored[tk.Code()] = true
		maxN[tk.Prefix] = max(maxN[tk.Prefix], tk.Number)
	}
	for p, m := range maxN {
		for n := 1; n <= m; n++ {
			if !stored[store.FormatCode(p, n)] {
				t.Fatalf("gap at %s", store.FormatCode(p, n))
			}
		}
	}
	evs, err := st.EventsAfter(ctx, 0, 1000000)
	if err != nil {
		t.Fatal(err)
	}
	issued := 0
	for _, e := range evs {
		if e.Kind == store.EvTicketIssued {
			issued++
		}
	}
	if issued != len(tickets) {
		t.Fatalf("%d issue events for %d tickets", issued, len(tickets))
	}
	return stored
}

// TestProcessesIssueTogether: a kiosk process and a counter process on the
// same PC issue from one store file at the same time as this process. Each
// process writes through its own held connection; SQLite's lock orders
// them. No number repeats, none is skipped, and every ticket has its event.
func TestProcessesIssueTogether(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	// Each process pauses between tickets, as a kiosk or counter does
	// (here far faster than any office): SQLite's lock is polled by a
	// waiting process, so a writer that never lets go would starve the
	// others whatever the store does.
	const perProcess = 150
	const pause = 2 * time.Millisecond
	seed, _, _, _ := newOffice(t, "A", "B")
	path := filepath.Join(t.TempDir(), "shared.db")
	ctx := context.Background()
	if err := seed.BackupTo(ctx, path); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.Now = pinnedClock()
	svcs, err := st.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	codes := map[string]int{}
	record := func(code string) {
		mu.Lock()
		codes[code]++
		mu.Unlock()
	}
	var wg sync.WaitGroup
	var childSeen atomic.Bool
	childrenDone := make(chan struct{})
	errs := make(chan error, 4)
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "LOKET_CRASH_DB="+path, "LOKET_CHILD_COUNT="+strconv.Itoa(perProcess),
			"LOKET_CHILD_PAUSE="+pause.String())
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "ERR") {
					errs <- fmt.Errorf("child: %s", line)
				}
				// The child's numbers; not the test binary's closing PASS.
				if len(line) == 4 && line != "PASS" {
					childSeen.Store(true)
					record(line)
				}
			}
			if err := cmd.Wait(); err != nil {
				errs <- fmt.Errorf("child: %v", err)
			}
		}()
	}
	go func() { wg.Wait(); close(childrenDone) }()
	// This process issues for as long as the children run, so the three
	// really contend for the file.
	own, during := 0, 0
	for running := true; running; {
		select {
		case <-childrenDone:
			running = false
		default:
		}
		if !running && own > 0 {
			break
		}
		time.Sleep(pause)
		seen := childSeen.Load()
		tk, err := st.IssueTicket(ctx, svcs[own%len(svcs)].ID, "")
		if err != nil {
			t.Fatal(err)
		}
		record(tk.Code())
		own++
		if seen && running {
			during++
		}
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if during == 0 {
		t.Fatal("no ticket issued here while the children issued: nothing contended")
	}
	total := 2*perProcess + own
	t.Logf("%d tickets: %d here (%d while the children issued), %d in each child", total, own, during, perProcess)

	if len(codes) != total {
		t.Fatalf("%d distinct numbers issued, want %d", len(codes), total)
	}
	for code, n := range codes {
		if n > 1 {
			t.Fatalf("%s handed out %d times", code, n)
		}
	}
	stored := checkIssued(t, st)
	if len(stored) != total {
		t.Fatalf("%d tickets stored, want %d", len(stored), total)
	}
	for code := range stored {
		if codes[code] != 1 {
			t.Fatalf("stored %s was not handed out", code)
		}
	}
}
