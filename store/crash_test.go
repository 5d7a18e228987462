//go:build !windows

package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"loket/store"
)

// TestCrashChild is the child of TestKilledMidIssuance: it issues tickets
// until it is killed, printing each number after its commit returned.
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
	ctx := context.Background()
	svcs, _ := st.Services(ctx)
	for i := 0; ; i++ {
		tk, err := st.IssueTicket(ctx, svcs[i%len(svcs)].ID, "")
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(3)
		}
		fmt.Println(tk.Code())
	}
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
	if _, err := st.DB().ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
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
	date := time.Now().In(store.LoadZone("Asia/Jakarta")).Format(store.DateLayout)
	tickets, err := re.TicketsOn(ctx, date)
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
	for code := range committed {
		if !stored[code] {
			t.Fatalf("committed ticket %s lost", code)
		}
	}
	// Numbers are dense: no number was skipped and then filled by another.
	for p, m := range maxN {
		for n := 1; n <= m; n++ {
			if !stored[store.FormatCode(p, n)] {
				t.Fatalf("gap at %s", store.FormatCode(p, n))
			}
		}
	}
	evs, _ := re.EventsAfter(ctx, 0, 1000000)
	issued := 0
	for _, e := range evs {
		if e.Kind == store.EvTicketIssued {
			issued++
		}
	}
	if issued != len(tickets) {
		t.Fatalf("%d issued events for %d tickets", issued, len(tickets))
	}
	t.Logf("%d tickets over 6 kills, %d acknowledged before the kill", len(tickets), len(committed))
}
