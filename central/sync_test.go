package central_test

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loket/central"
	"loket/store"
	"loket/tlspin"
)

func init() { store.BcryptCost = 4 }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// office is an office store with one service, counter and open session.
type office struct {
	st      *store.Store
	path    string
	code    string
	service store.Service
	session store.CounterSession
}

func newOffice(t testing.TB, code string) *office {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "loket.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.SaveOffice(ctx, "", store.Office{Code: code, Name: "KPPN " + code, Zone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
	off, err := st.SaveOfficer(ctx, "", store.Officer{Username: "cso1", FullName: "Rina", Role: store.RoleCSO, Active: true}, "rahasia1")
	if err != nil {
		t.Fatal(err)
	}
	sv, err := st.SaveService(ctx, "", store.Service{Prefix: "A", Name: "Layanan A", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.SaveCounter(ctx, "", store.Counter{Number: 1, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := st.OpenCounter(ctx, off.ID, c.ID, []string{sv.ID})
	if err != nil {
		t.Fatal(err)
	}
	return &office{st: st, path: path, code: code, service: sv, session: sess}
}

// traffic issues n tickets and serves each to the end (5 events each).
func (o *office) traffic(t testing.TB, n int) {
	t.Helper()
	ctx := context.Background()
	pick := func([]store.Ticket, []bool, time.Time) int { return 0 }
	for range n {
		if _, err := o.st.IssueTicket(ctx, o.service.ID, ""); err != nil {
			t.Fatal(err)
		}
		tk, err := o.st.CallNext(ctx, o.session.ID, pick)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.st.StartServing(ctx, o.session.ID, tk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := o.st.Finish(ctx, o.session.ID, tk.ID); err != nil {
			t.Fatal(err)
		}
	}
}

func (o *office) count(t testing.TB, table string) int64 {
	t.Helper()
	var n int64
	if err := o.st.DB().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// hub is a running central server for tests.
type hub struct {
	db    central.DB
	dsn   string
	srv   *httptest.Server
	token string
	cfg   central.Config
}

func newHub(t testing.TB, be backend, code string, wrap func(http.Handler) http.Handler) *hub {
	t.Helper()
	h := &hub{dsn: be.dsn(t)}
	h.db = openDB(t, h.dsn)
	t.Cleanup(func() { h.db.Close() })
	tok, hash, err := central.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := h.db.AddOffice(context.Background(), code, "KPPN "+code, hash); err != nil {
		t.Fatal(err)
	}
	h.token = tok
	var handler http.Handler = (&central.Server{DB: h.db, Logger: quiet}).Handler()
	if wrap != nil {
		handler = wrap(handler)
	}
	h.srv = httptest.NewTLSServer(handler)
	t.Cleanup(h.srv.Close)
	h.cfg = central.Config{URL: h.srv.URL, Token: tok, PinSHA256: tlspin.Fingerprint(h.srv.Certificate().Raw),
		BatchSize: 40, RetryBase: 5 * time.Millisecond, RetryMax: 50 * time.Millisecond, Attempts: 12}
	return h
}

// verify checks the centre holds exactly the office's events and tickets
// and that its high-water mark is the office's last event.
func verify(t testing.TB, db central.DB, o *office) {
	t.Helper()
	ctx := context.Background()
	for _, table := range []string{"events", "tickets", "services", "counters", "officers"} {
		got, err := db.Count(ctx, o.code, table)
		if err != nil {
			t.Fatal(err)
		}
		if want := o.count(t, table); got != want {
			t.Errorf("%s: centre has %d, office %d", table, got, want)
		}
	}
	last, _ := o.st.LastEventSeq(ctx)
	lin, err := o.st.Lineage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pos, err := db.Position(ctx, o.code, &lin)
	if err != nil {
		t.Fatal(err)
	}
	if pos.EventSeq != last {
		t.Errorf("high-water mark %d, office last seq %d", pos.EventSeq, last)
	}
	// Every ticket's newest state arrived.
	rows, err := o.st.DB().Query(`SELECT id, status FROM tickets`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, status string
		rows.Scan(&id, &status)
		rec, err := db.Record(ctx, o.code, "tickets", id)
		if err != nil {
			t.Fatalf("ticket %s: %v", id, err)
		}
		var d struct{ Status string }
		json.Unmarshal(rec.Data, &d)
		if d.Status != status {
			t.Errorf("ticket %s: centre %q, office %q", id, d.Status, status)
		}
	}
}

func TestSyncAndIncrement(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN019")
			h := newHub(t, be, o.code, nil)
			o.traffic(t, 30)
			var progress []central.Progress
			run, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, func(p central.Progress) { progress = append(progress, p) })
			if err != nil {
				t.Fatal(err)
			}
			if run.Result != store.RunOK || run.Batches < 3 || run.Records == 0 {
				t.Fatalf("run %+v", run)
			}
			if p := progress[len(progress)-1]; p.Fraction() != 1 {
				t.Errorf("last progress %+v", p)
			}
			verify(t, h.db, o)

			// No secret leaves the office.
			var officerID string
			o.st.DB().QueryRow(`SELECT id FROM officers`).Scan(&officerID)
			rec, err := h.db.Record(ctx, o.code, "officers", officerID)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(rec.Data), "password") || !strings.Contains(string(rec.Data), "cso1") {
				t.Errorf("officer record %s", rec.Data)
			}

			// Nothing new: no batch.
			run, err = central.Sync(ctx, o.st, h.cfg, store.TrigManual, nil)
			if err != nil || run.Batches != 0 {
				t.Fatalf("idle sync: %+v %v", run, err)
			}
			// The increment only.
			o.traffic(t, 5)
			run, err = central.Sync(ctx, o.st, h.cfg, store.TrigManual, nil)
			if err != nil || run.Batches != 1 {
				t.Fatalf("increment: %+v %v", run, err)
			}
			verify(t, h.db, o)
			st, _ := o.st.SyncState(ctx, h.cfg.URL)
			if last, _ := o.st.LastEventSeq(ctx); st.EventSeq != last {
				t.Errorf("acknowledged %d, last %d", st.EventSeq, last)
			}
			runs, _ := o.st.SyncRuns(ctx, 10)
			if len(runs) != 3 {
				t.Errorf("%d runs recorded", len(runs))
			}

			rep, err := h.db.Report(ctx, "2000-01-01", "2100-01-01")
			if err != nil {
				t.Fatal(err)
			}
			if len(rep) != 1 || rep[0].Issued != 35 || rep[0].Served != 35 || rep[0].SLAPercent == nil || *rep[0].SLAPercent != 100 || rep[0].IKM != nil {
				t.Errorf("report %+v", rep)
			}
		})
	}
}

func batchOf(t testing.TB, o *office, after int64, limit int) *central.Batch {
	t.Helper()
	c, err := o.st.SyncChunk(context.Background(), after, limit)
	if err != nil {
		t.Fatal(err)
	}
	lin, err := o.st.Lineage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return &central.Batch{ID: "b-" + time.Now().Format("150405.000000000"), Office: o.code, After: after, To: c.To, Records: c.Records,
		Lineage: &lin}
}

func TestReplayChangesNothing(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN020")
			h := newHub(t, be, o.code, nil)
			o.traffic(t, 4)
			b1 := batchOf(t, o, 0, 10)
			o.traffic(t, 2) // tickets in b1 change after it was built
			b2 := batchOf(t, o, b1.To, 1000)
			for _, b := range []*central.Batch{b1, b2} {
				if _, err := h.db.Apply(ctx, b); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := h.db.Position(ctx, o.code, b1.Lineage)
			n1, _ := h.db.Count(ctx, o.code, "events")
			// The same batch again, then its content under a new id: both
			// no-ops, and the older ticket states do not overwrite newer.
			ack, err := h.db.Apply(ctx, b1)
			if err != nil || !ack.Replay || ack.Applied != 0 || ack.EventSeq != before.EventSeq {
				t.Fatalf("replay: %+v %v", ack, err)
			}
			b1.ID += "-again"
			ack, err = h.db.Apply(ctx, b1)
			if err != nil || !ack.Replay || ack.Applied != 0 {
				t.Fatalf("replay new id: %+v %v", ack, err)
			}
			// A stale overlap (after < hwm < to) applies only what is new.
			b3 := batchOf(t, o, 0, 1000)
			b3.ID = "overlap"
			ack, err = h.db.Apply(ctx, b3)
			if err != nil || !ack.Replay {
				t.Fatalf("overlap: %+v %v", ack, err)
			}
			n2, _ := h.db.Count(ctx, o.code, "events")
			if n1 != n2 {
				t.Errorf("events %d -> %d", n1, n2)
			}
			verify(t, h.db, o)
			// A batch past the mark is refused with the mark.
			o.traffic(t, 1)
			last, _ := o.st.LastEventSeq(ctx)
			gap := &central.Batch{ID: "gap", Office: o.code, After: last - 1, To: last, Lineage: b1.Lineage}
			_, err = h.db.Apply(ctx, gap)
			var ge *central.GapError
			if !errors.As(err, &ge) || ge.EventSeq != before.EventSeq {
				t.Fatalf("gap: %v", err)
			}
		})
	}
}

// cutter drops the connection of batch POSTs: the first `before` ones
// after reading part of the body (the upload cut), the next `after` ones
// once the centre has committed (the acknowledgement lost).
type cutter struct {
	h             http.Handler
	mu            sync.Mutex
	before, after int
	cuts          int
}

func (c *cutter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		c.h.ServeHTTP(w, r)
		return
	}
	c.mu.Lock()
	mode := ""
	switch {
	case c.before > 0:
		c.before--
		mode = "before"
	case c.after > 0:
		c.after--
		mode = "after"
	}
	if mode != "" {
		c.cuts++
	}
	c.mu.Unlock()
	switch mode {
	case "before":
		io.CopyN(io.Discard, r.Body, 512)
	case "after":
		c.h.ServeHTTP(httptest.NewRecorder(), r)
	default:
		c.h.ServeHTTP(w, r)
		return
	}
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	conn.Close()
}

func TestConnectionCutMidBatch(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN021")
			cut := &cutter{before: 3, after: 3}
			h := newHub(t, be, o.code, func(h http.Handler) http.Handler { cut.h = h; return cut })
			o.traffic(t, 40)
			run, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil)
			if err != nil {
				t.Fatalf("%+v %v", run, err)
			}
			if cut.cuts != 6 {
				t.Errorf("%d cuts", cut.cuts)
			}
			verify(t, h.db, o)

			// A run that gives up mid-way (centre unreachable throughout)
			// is recorded as failed and the next run resumes.
			o.traffic(t, 20)
			cut.mu.Lock()
			cut.after = 1000
			cut.mu.Unlock()
			cfg := h.cfg
			cfg.Attempts = 2
			run, err = central.Sync(ctx, o.st, cfg, store.TrigCLI, nil)
			if err == nil || run.Result != store.RunError || run.Error == "" {
				t.Fatalf("expected a failed run: %+v %v", run, err)
			}
			cut.mu.Lock()
			cut.after = 0
			cut.mu.Unlock()
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			verify(t, h.db, o)
		})
	}
}

// restartable serves the central API on a fixed address and can be
// stopped and started again on it, its store closed and reopened.
type restartable struct {
	t    testing.TB
	dsn  string
	addr string
	cert tls.Certificate
	mu   sync.Mutex
	srv  *http.Server
	db   central.DB
	acks atomic.Int32
	kill chan struct{}
}

func (r *restartable) start() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.db = openDB(r.t, r.dsn)
	api := (&central.Server{DB: r.db, Logger: quiet}).Handler()
	h := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		api.ServeHTTP(w, req)
		if req.Method == http.MethodPost && r.acks.Add(1) == 2 {
			close(r.kill)
		}
	})
	var l net.Listener
	var err error
	for range 100 { // the old socket may linger a moment
		if l, err = net.Listen("tcp", r.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		r.t.Error(err)
		return
	}
	r.addr = l.Addr().String()
	r.srv = &http.Server{Handler: h, TLSConfig: &tls.Config{Certificates: []tls.Certificate{r.cert}}}
	go r.srv.ServeTLS(l, "", "")
}

func (r *restartable) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.srv.Close()
	r.db.Close()
}

func TestCentralRestartedMidSync(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			cert, err := central.EnsureSelfSigned(filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem"), nil)
			if err != nil {
				t.Fatal(err)
			}
			r := &restartable{t: t, dsn: be.dsn(t), addr: "127.0.0.1:0", cert: cert, kill: make(chan struct{})}
			r.start()
			tok, hash, _ := central.NewToken()
			o := newOffice(t, "KPPN022")
			if err := r.db.AddOffice(ctx, o.code, "", hash); err != nil {
				t.Fatal(err)
			}
			o.traffic(t, 40)
			go func() {
				<-r.kill
				r.stop()
				time.Sleep(150 * time.Millisecond)
				r.start()
			}()
			cfg := central.Config{URL: "https://" + r.addr, Token: tok, PinSHA256: tlspin.Fingerprint(cert.Leaf.Raw),
				BatchSize: 20, RetryBase: 20 * time.Millisecond, RetryMax: 200 * time.Millisecond, Attempts: 30}
			if _, err := central.Sync(ctx, o.st, cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			if r.acks.Load() < 3 {
				t.Fatalf("the server was not restarted mid-sync (%d batches)", r.acks.Load())
			}
			r.mu.Lock()
			db := r.db
			r.mu.Unlock()
			verify(t, db, o)
			r.stop()
		})
	}
}

func TestClockMovedBack(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN023")
			h := newHub(t, be, o.code, nil)
			now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
			o.st.Now = func() time.Time { now = now.Add(time.Second); return now }
			o.traffic(t, 10)
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			now = now.Add(-26 * time.Hour) // the PC's clock set back a day
			o.traffic(t, 10)
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			now = now.Add(48 * time.Hour) // and forward again
			o.traffic(t, 3)
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			verify(t, h.db, o)
			rep, err := h.db.Report(ctx, "2026-03-01", "2026-03-31")
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, r := range rep {
				total += r.Issued
			}
			if total != 23 || len(rep) != 3 {
				t.Errorf("report %+v", rep)
			}
		})
	}
}

func TestUpdatesPushedDown(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN024")
			h := newHub(t, be, o.code, nil)
			csv := []byte("tanggal,jenis,nama\n2026-08-17,libur_nasional,Hari Kemerdekaan\n")
			if _, err := h.db.PutUpdate(ctx, central.UpdateHolidays, "skb-2026.csv", csv); err != nil {
				t.Fatal(err)
			}
			var applied []string
			h.cfg.Apply = func(_ context.Context, u store.SyncUpdate) error {
				applied = append(applied, u.Kind+":"+u.Name)
				if u.Kind == central.UpdateCatalog {
					return errors.New("rusak")
				}
				return nil
			}
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			h.db.PutUpdate(ctx, central.UpdateCatalog, "sp-kppn.txt", []byte("Standar Pelayanan ..."))
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			if strings.Join(applied, " ") != "holidays:skb-2026.csv catalog:sp-kppn.txt" {
				t.Errorf("applied %v", applied)
			}
			ups, _ := o.st.SyncUpdates(ctx, 10)
			if len(ups) != 2 || ups[0].ApplyError == "" || ups[1].AppliedAt.IsZero() || string(ups[1].Content) != string(csv) {
				t.Errorf("stored updates %+v", ups)
			}
		})
	}
}

func TestAuthAndPinning(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, "KPPN025")
	h := newHub(t, backends[0], o.code, nil)
	tok2, hash2, _ := central.NewToken()
	if err := h.db.AddOffice(ctx, "KPPN026", "", hash2); err != nil {
		t.Fatal(err)
	}
	if err := h.db.AddOffice(ctx, "KPPN026", "", hash2); !errors.Is(err, central.ErrOfficeExists) {
		t.Errorf("second add: %v", err)
	}
	o.traffic(t, 1)
	for name, mutate := range map[string]func(*central.Config){
		"wrong token":      func(c *central.Config) { c.Token = "salah" },
		"other office":     func(c *central.Config) { c.Token = tok2 },
		"wrong pin":        func(c *central.Config) { c.PinSHA256 = strings.Repeat("ab", 32) },
		"not configured":   func(c *central.Config) { c.URL = "" },
		"no pin, no CA ok": func(c *central.Config) { c.PinSHA256 = "" },
	} {
		cfg := h.cfg
		mutate(&cfg)
		run, err := central.Sync(ctx, o.st, cfg, store.TrigCLI, nil)
		if err == nil || run.Result != store.RunError {
			t.Errorf("%s: %+v %v", name, run, err)
			continue
		}
		t.Logf("%s: %s", name, run.Error)
	}
	// The report needs a report token.
	rtok, rhash, _ := central.NewToken()
	h.db.SetToken(ctx, "", central.RoleReport, rhash)
	for tok, want := range map[string]int{h.token: 403, rtok: 200, "": 401} {
		req, _ := http.NewRequest("GET", h.srv.URL+"/v1/report?from=2026-01-01&to=2026-12-31", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := h.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("report with %q: %d, want %d", tok, resp.StatusCode, want)
		}
	}
}
