package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/store"
)

func init() { store.BcryptCost = 4 }

// newOffice opens a store in a temp dir with an office, one service per
// prefix given, a counter per service and an officer.
func newOffice(t testing.TB, prefixes ...string) (*store.Store, []store.Service, []store.Counter, store.Officer) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if _, err := st.SaveOffice(ctx, "", store.Office{Code: "KPPN019", Name: "KPPN Pekanbaru", Zone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
	off, err := st.SaveOfficer(ctx, "", store.Officer{Username: "fo1", FullName: "Rina", Role: store.RoleFO, Active: true}, "rahasia1")
	if err != nil {
		t.Fatal(err)
	}
	var svcs []store.Service
	var ctrs []store.Counter
	for i, p := range prefixes {
		sv, err := st.SaveService(ctx, "", store.Service{Prefix: p, Name: "Layanan " + p, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		svcs = append(svcs, sv)
		c, err := st.SaveCounter(ctx, "", store.Counter{Number: i + 1, Active: true})
		if err != nil {
			t.Fatal(err)
		}
		ctrs = append(ctrs, c)
	}
	return st, svcs, ctrs, off
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "loket.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := st.Office(ctx); !errors.Is(err, store.ErrNoOffice) {
		t.Fatalf("empty store office: %v", err)
	}
	if _, err := st.SaveOffice(ctx, "", store.Office{Code: "kppn019", Name: "KPPN Pekanbaru"}); err != nil {
		t.Fatal(err)
	}
	// Another process writing (here: holding the write lock) does not
	// keep a current store from opening: a kiosk or display starting
	// during a busy morning reads the schema version and goes on.
	busy := st.DB()
	conn, err := busy.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	second, err := store.Open(path)
	if err != nil {
		t.Fatalf("open while another connection writes: %v", err)
	}
	second.Close()
	if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	st.Close()
	st, err = store.Open(path) // migrations run again: must be a no-op
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	off, err := st.Office(ctx)
	if err != nil || off.Code != "KPPN019" || off.Zone != "Asia/Jakarta" {
		t.Fatalf("office after reopen %+v %v", off, err)
	}
	if err := st.Integrity(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestOfficeValidation(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, tc := range []struct {
		name string
		o    store.Office
		want string
	}{
		{"empty code", store.Office{Name: "X"}, "Kode kantor"},
		{"space in code", store.Office{Code: "KPPN 1", Name: "X"}, "Kode kantor"},
		{"no name", store.Office{Code: "KPPN1"}, "Nama kantor"},
		{"bad zone", store.Office{Code: "KPPN1", Name: "X", Zone: "Europe/Paris"}, "Zona waktu"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := st.SaveOffice(context.Background(), "", tc.o)
			if err == nil || !strings.Contains(store.Message(err), tc.want) {
				t.Fatalf("got %v, want message with %q", err, tc.want)
			}
		})
	}
	if _, err := st.Office(context.Background()); !errors.Is(err, store.ErrNoOffice) {
		t.Fatal("a refused office was written")
	}
}

func TestEventsAreAppendOnly(t *testing.T) {
	st, svcs, _, _ := newOffice(t, "A")
	ctx := context.Background()
	if _, err := st.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`UPDATE events SET kind = 'x'`); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("update of events: %v", err)
	}
	if _, err := st.DB().Exec(`DELETE FROM events`); err == nil {
		t.Fatal("delete of events succeeded")
	}
	evs, err := st.EventsAfter(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1]
	if last.Kind != store.EvTicketIssued || !strings.HasPrefix(last.ID, "KPPN019-") || last.Data["number"] != "A001" {
		t.Fatalf("last event %+v", last)
	}
}

func TestRoleRulesAndLogin(t *testing.T) {
	st, _, _, fo := newOffice(t, "A")
	ctx := context.Background()
	if _, err := st.SaveOfficer(ctx, "", store.Officer{Username: "Fo1", FullName: "Lain", Role: store.RoleFO}, "rahasia1"); err == nil {
		t.Fatal("duplicate username (case-insensitive) accepted")
	}
	if _, err := st.SaveOfficer(ctx, "", store.Officer{Username: "ab", FullName: "X", Role: store.RoleFO}, "rahasia1"); err == nil {
		t.Fatal("short username accepted")
	}
	if _, err := st.SaveOfficer(ctx, "", store.Officer{Username: "abc", FullName: "X", Role: "boss"}, "rahasia1"); err == nil {
		t.Fatal("unknown role accepted")
	}
	// Update without password keeps the old one.
	fo.FullName = "Rina Marlina"
	if _, err := st.SaveOfficer(ctx, "", fo, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Authenticate(ctx, "fo1", "rahasia1"); err != nil {
		t.Fatalf("login after update: %v", err)
	}
	fo.Active = false
	if _, err := st.SaveOfficer(ctx, "", fo, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Authenticate(ctx, "fo1", "rahasia1"); !errors.Is(err, store.ErrBadLogin) {
		t.Fatalf("inactive officer logged in: %v", err)
	}
	evs, _ := st.EventsAfter(ctx, 0, 1000)
	var ok, failed int
	for _, e := range evs {
		switch e.Kind {
		case store.EvLogin:
			ok++
		case store.EvLoginFailed:
			failed++
		}
	}
	if ok != 1 || failed != 1 {
		t.Fatalf("audit: %d logins, %d failures", ok, failed)
	}
}

// TestConcurrentIssueAndCall: 8 goroutines issuing and calling at once must
// never share a number, lose an event or surface SQLITE_BUSY.
func TestConcurrentIssueAndCall(t *testing.T) {
	st, svcs, ctrs, fo := newOffice(t, "A", "B", "C", "D")
	ctx := context.Background()
	var sessions []store.CounterSession
	for i := range 4 {
		// Each counter its own officer: one officer staffs one counter.
		o, err := st.SaveOfficer(ctx, "", store.Officer{Username: "petugas" + string(rune('a'+i)), FullName: "P", Role: store.RoleFO, Active: true}, "rahasia1")
		if err != nil {
			t.Fatal(err)
		}
		sess, err := st.OpenCounter(ctx, o.ID, ctrs[i].ID, []string{svcs[0].ID, svcs[i].ID})
		if err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, sess)
	}
	_ = fo
	const perWorker = 40
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	issued := make(chan store.Ticket, 8*perWorker)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				if w%2 == 0 {
					tk, err := st.IssueTicket(ctx, svcs[(w/2+i)%len(svcs)].ID, "")
					if err != nil {
						errs <- err
						continue
					}
					issued <- tk
				} else {
					sess := sessions[w/2]
					tk, err := st.CallNext(ctx, sess.ID, nil)
					if errors.Is(err, store.ErrNoTicketWaiting) {
						continue
					}
					if err != nil {
						errs <- err
						continue
					}
					if _, err := st.Finish(ctx, sess.ID, tk.ID); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	close(issued)
	for err := range errs {
		t.Errorf("surfaced error: %v", err)
	}
	seen := map[string]bool{}
	n := 0
	for tk := range issued {
		if seen[tk.Code()] {
			t.Fatalf("duplicate number %s", tk.Code())
		}
		seen[tk.Code()] = true
		n++
	}
	evs, err := st.EventsAfter(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for i, e := range evs {
		if i > 0 && e.Seq != evs[i-1].Seq+1 {
			t.Fatalf("gap in event seq at %d", e.Seq)
		}
		kinds[e.Kind]++
	}
	if kinds[store.EvTicketIssued] != n {
		t.Fatalf("%d issued events for %d tickets", kinds[store.EvTicketIssued], n)
	}
	if kinds[store.EvTicketCalled] != kinds[store.EvTicketDone] {
		t.Fatalf("%d called, %d done", kinds[store.EvTicketCalled], kinds[store.EvTicketDone])
	}
	date := time.Now().In(store.LoadZone("Asia/Jakarta")).Format(store.DateLayout)
	all, _ := st.TicketsOn(ctx, date)
	if len(all) != n {
		t.Fatalf("%d tickets stored, %d issued", len(all), n)
	}
}
