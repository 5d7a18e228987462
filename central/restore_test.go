package central_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"loket/central"
	"loket/store"
)

// reopen closes the office's store, restores backup onto path and opens it
// as the office's store (the session of the backup is still open in it).
func (o *office) restore(t *testing.T, backup, path string) {
	t.Helper()
	o.st.Close()
	if err := central.Restore(backup, path); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	o.st, o.path = st, path
}

// holdsAll checks that the centre holds every event and ticket of the
// office's store, tickets in their current state, and returns how many
// events the centre holds.
func holdsAll(t *testing.T, db central.DB, o *office) int64 {
	t.Helper()
	ctx := context.Background()
	for _, table := range []string{"events", "tickets"} {
		rows, err := o.st.DB().Query(`SELECT id, ` + map[string]string{"events": "kind", "tickets": "status"}[table] + ` FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, v string
			rows.Scan(&id, &v)
			rec, err := db.Record(ctx, o.code, table, id)
			if err != nil {
				t.Errorf("%s %s (%s) not at the centre: %v", table, id, v, err)
				continue
			}
			if table == "tickets" {
				var d struct{ Status string }
				json.Unmarshal(rec.Data, &d)
				if d.Status != v {
					t.Errorf("ticket %s: centre %q, office %q", id, d.Status, v)
				}
			}
		}
		rows.Close()
	}
	n, err := db.Count(ctx, o.code, "events")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The sequence of issue 21: backup, a day of work, sync, restore the
// backup, a new day, sync. Every event of both days reaches the centre,
// none twice, and rows changed after the restore carry the restored
// store's state. Then the same backup restored onto a second PC.
func TestRestoreThenSyncLosesNothing(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN031")
			h := newHub(t, be, o.code, nil)
			o.traffic(t, 4)
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			backup, err := central.Backup(ctx, o.st, t.TempDir(), 3)
			if err != nil {
				t.Fatal(err)
			}
			// The lost day: work after the backup, synced.
			o.traffic(t, 7)
			sv := o.service
			sv.Name = "Nama dari hari yang hilang"
			if _, err := o.st.SaveService(ctx, "", sv); err != nil {
				t.Fatal(err)
			}
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			lostDay := holdsAll(t, h.db, o)
			before, _ := o.st.Lineage(ctx)

			o.restore(t, backup, o.path)
			lin, err := o.st.Lineage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			fork, _ := o.st.LastEventSeq(ctx)
			if lin.ID == before.ID || lin.Parent != before.ID || lin.ForkSeq != fork || lin.Generation <= before.Generation {
				t.Fatalf("lineage after restore %+v, before %+v, fork %d", lin, before, fork)
			}
			// The new day reuses the event seqs of the lost one.
			o.traffic(t, 5)
			sv.Name = "Nama sesudah pemulihan"
			if _, err := o.st.SaveService(ctx, "", sv); err != nil {
				t.Fatal(err)
			}
			run, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil)
			if err != nil || run.Batches == 0 {
				t.Fatalf("sync after restore: %+v %v", run, err)
			}
			last, _ := o.st.LastEventSeq(ctx)
			got := holdsAll(t, h.db, o)
			if want := lostDay + (last - fork); got != want {
				t.Errorf("centre holds %d events, want %d (lost day %d + %d new)", got, want, lostDay, last-fork)
			}
			rec, err := h.db.Record(ctx, o.code, "services", sv.ID)
			if err != nil {
				t.Fatal(err)
			}
			var d struct{ Name string }
			json.Unmarshal(rec.Data, &d)
			if d.Name != "Nama sesudah pemulihan" {
				t.Errorf("service at the centre %q: the restored store's state must win", d.Name)
			}
			pos, err := h.db.Position(ctx, o.code, &lin)
			if err != nil || pos.EventSeq != last {
				t.Errorf("position of the new lineage %+v %v, want %d", pos, err, last)
			}
			// Nothing new: nothing sent.
			if run, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil || run.Batches != 0 {
				t.Errorf("idle sync after restore: %+v %v", run, err)
			}

			// The same backup restored onto a second PC.
			pc2 := &office{code: o.code, st: o.st, service: o.service, session: o.session}
			pc2.restore(t, backup, filepath.Join(t.TempDir(), "loket.db"))
			fork2, _ := pc2.st.LastEventSeq(ctx)
			pc2.traffic(t, 3)
			if _, err := central.Sync(ctx, pc2.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			last2, _ := pc2.st.LastEventSeq(ctx)
			if n := holdsAll(t, h.db, pc2); n != got+(last2-fork2) {
				t.Errorf("after the second PC the centre holds %d events, want %d", n, got+(last2-fork2))
			}
		})
	}
}

// A 409 says where the centre's mark is: the office resends from there at
// once instead of retrying the refused batch with back-off.
func TestGapIsResentFromTheMarkAtOnce(t *testing.T) {
	ctx := context.Background()
	o := newOffice(t, "KPPN032")
	var mu sync.Mutex
	var afters []int64
	refused := false
	h := newHub(t, backends[0], o.code, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost {
				next.ServeHTTP(w, r)
				return
			}
			body, _ := io.ReadAll(r.Body)
			b, err := central.DecodeBatch(bytes.NewReader(body))
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			afters = append(afters, b.After)
			first := !refused && b.After > 0
			refused = refused || first
			mu.Unlock()
			if first {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusConflict)
				io.WriteString(w, `{"error":"gap","event_seq":0}`)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(w, r)
		})
	})
	h.cfg.BatchSize = 1000
	o.traffic(t, 3)
	if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
		t.Fatal(err)
	}
	o.traffic(t, 2)
	if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	// First sync from 0; the second sync's batch refused, then resent from 0.
	if len(afters) != 3 || afters[0] != 0 || afters[1] == 0 || afters[2] != 0 {
		t.Errorf("batches sent after %v, want [0 N 0]", afters)
	}
	verify(t, h.db, o)
}

// A record the centre cannot store (a NUL that PostgreSQL's jsonb
// refuses, bytes that are not UTF-8: written by an older Loket that did
// not clean its text) is quarantined with its reason; the rest of the
// batch and every later sync go through.
func TestBadTextIsQuarantinedNotBlocking(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN035")
			h := newHub(t, be, o.code, nil)
			o.traffic(t, 2)
			// Straight into the file, past the store's cleaning.
			if _, err := o.st.DB().Exec(`UPDATE services SET name = ? WHERE id = ?`, "Layanan\x00A", o.service.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := o.st.DB().Exec(`UPDATE officers SET full_name = ?`, "Rina \xff\xfe"); err != nil {
				t.Fatal(err)
			}
			run, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil)
			if err != nil {
				t.Fatalf("sync: %v (%+v)", err, run)
			}
			if !strings.Contains(run.Detail, "2 rekaman tidak dapat disimpan pusat") || !strings.Contains(run.Detail, "services/"+o.service.ID) {
				t.Errorf("run detail %q does not name the quarantined records", run.Detail)
			}
			qs, err := h.db.Quarantine(ctx, o.code)
			if err != nil {
				t.Fatal(err)
			}
			reasons := map[string]string{}
			for _, q := range qs {
				reasons[q.Table] = q.Reason
			}
			if reasons["services"] != "teks memuat karakter NUL" || reasons["officers"] != "teks bukan UTF-8 yang sah" {
				t.Errorf("quarantine %+v", qs)
			}
			holdsAll(t, h.db, o)
			// Later syncs are not blocked.
			o.traffic(t, 3)
			if run, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil || run.Batches != 1 {
				t.Fatalf("later sync: %+v %v", run, err)
			}
			holdsAll(t, h.db, o)
		})
	}
}

// A value only the database refuses (a lone surrogate escape, which
// PostgreSQL's jsonb rejects) is found record by record and quarantined;
// the rest of the batch is applied.
func TestRecordTheDatabaseRefusesIsQuarantined(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN036")
			h := newHub(t, be, o.code, nil)
			o.traffic(t, 2)
			b := batchOf(t, o, 0, 1000)
			b.Records = append(b.Records, store.SyncRecord{Table: "visitors", ID: "v-aneh", Version: b.To,
				Data: json.RawMessage(`{"name":"\ud800"}`)})
			ack, err := h.db.Apply(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if be.name == "postgres" {
				want = 1
			}
			if len(ack.Quarantined) != want || ack.EventSeq != b.To {
				t.Fatalf("ack %+v, want %d quarantined and the mark at %d", ack, want, b.To)
			}
			if want == 1 && (ack.Quarantined[0].ID != "v-aneh" || !strings.Contains(ack.Quarantined[0].Reason, "ditolak basis data pusat")) {
				t.Errorf("quarantined %+v", ack.Quarantined)
			}
			verify(t, h.db, o)
		})
	}
}
