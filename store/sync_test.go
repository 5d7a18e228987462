package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"loket/store"
)

func TestSyncChunk(t *testing.T) {
	ctx := context.Background()
	st, svcs, _, _ := newOffice(t, "A")
	for range 3 {
		if _, err := st.IssueTicket(ctx, svcs[0].ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	last, _ := st.LastEventSeq(ctx)
	c, err := st.SyncChunk(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if c.To != last || c.Snapshot != last || int64(c.Events) != last {
		t.Fatalf("chunk %d events to %d snapshot %d, last %d", c.Events, c.To, c.Snapshot, last)
	}
	tables := map[string]int{}
	for _, r := range c.Records {
		tables[r.Table]++
		if r.Table == "officers" && strings.Contains(string(r.Data), "password") {
			t.Errorf("password hash shipped: %s", r.Data)
		}
		if r.Table != "events" && r.Version != c.Snapshot {
			t.Errorf("%s/%s version %d", r.Table, r.ID, r.Version)
		}
	}
	for tbl, want := range map[string]int{"events": int(last), "tickets": 3, "offices": 1, "services": 1, "counters": 1, "officers": 1} {
		if tables[tbl] != want {
			t.Errorf("%s: %d records, want %d", tbl, tables[tbl], want)
		}
	}
	// A later chunk carries the touched tickets only, master data not.
	c2, err := st.SyncChunk(ctx, last-1, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if c2.Events != 1 || len(c2.Records) != 2 || c2.Records[1].Table != "tickets" {
		t.Errorf("tail chunk %+v", c2)
	}
	if c3, _ := st.SyncChunk(ctx, last, 10); c3.Events != 0 || len(c3.Records) != 0 {
		t.Errorf("empty chunk %+v", c3)
	}
	if got := store.SyncTableNames(); got[0] != "events" || len(got) < 6 {
		t.Errorf("tables %v", got)
	}
}

func TestSyncStateRunsUpdates(t *testing.T) {
	ctx := context.Background()
	st, _, _, _ := newOffice(t)
	if s, err := st.SyncState(ctx, "https://pusat"); err != nil || s.EventSeq != 0 {
		t.Fatalf("fresh state %+v %v", s, err)
	}
	if err := st.AckSync(ctx, "https://pusat", 42); err != nil {
		t.Fatal(err)
	}
	if err := st.AckUpdates(ctx, "https://pusat", 3); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.SyncState(ctx, "https://pusat"); s.EventSeq != 42 || s.UpdateVersion != 3 {
		t.Errorf("state %+v", s)
	}
	if _, err := st.LastSyncRun(ctx, store.RunSync, store.RunOK); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("no runs yet: %v", err)
	}
	r1, _ := st.StartSyncRun(ctx, store.RunSync, store.TrigNightly)
	// A crash leaves r1 running and its heartbeat stops; the next start
	// after SyncRunStale closes it as cut.
	st.Now = func() time.Time { return time.Now().Add(store.SyncRunStale + time.Minute) }
	r2, err := st.StartSyncRun(ctx, store.RunSync, store.TrigCatchUp)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishSyncRun(ctx, r2.ID, 3, 120, "", "posisi 42"); err != nil {
		t.Fatal(err)
	}
	runs, _ := st.SyncRuns(ctx, 10)
	if len(runs) != 2 || runs[0].ID != r2.ID || runs[0].Result != store.RunOK || runs[0].Records != 120 ||
		runs[1].ID != r1.ID || runs[1].Result != store.RunError || runs[1].FinishedAt.IsZero() {
		t.Errorf("runs %+v", runs)
	}
	if last, err := st.LastSyncRun(ctx, store.RunSync, store.RunOK, store.TrigNightly, store.TrigCatchUp); err != nil || last.ID != r2.ID {
		t.Errorf("last ok %+v %v", last, err)
	}
	u := store.SyncUpdate{Version: 7, Kind: "holidays", Name: "skb.csv", SHA256: "x", Content: []byte("a,b")}
	for range 2 {
		if err := st.SaveSyncUpdate(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	st.MarkSyncUpdate(ctx, 7, "")
	ups, _ := st.SyncUpdates(ctx, 10)
	if len(ups) != 1 || ups[0].AppliedAt.IsZero() || time.Since(ups[0].ReceivedAt) > time.Hour {
		t.Errorf("updates %+v", ups)
	}
}

// chunkTables syncs from after to the end and counts the records per table
// and the ids seen of each.
func chunkTables(t *testing.T, st *store.Store, after int64) (map[string]int, map[string]string) {
	t.Helper()
	c, err := st.SyncChunk(context.Background(), after, 10000)
	if err != nil {
		t.Fatal(err)
	}
	n, ids := map[string]int{}, map[string]string{}
	for _, r := range c.Records {
		n[r.Table]++
		ids[r.Table+"/"+r.ID] = string(r.Data)
	}
	return n, ids
}

func TestSyncFrontOfficeAndMasterTables(t *testing.T) {
	ctx := context.Background()
	st, svcs, _, officer := newOffice(t, "A")
	now := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	if err := st.ImportSatkers(ctx, officer.ID, []store.Satker{{Code: "019001", Name: "Satker Satu"}}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveSetting(ctx, officer.ID, "display.running_text", "Selamat datang"); err != nil {
		t.Fatal(err)
	}
	first, _ := st.LastEventSeq(ctx)
	n, ids := chunkTables(t, st, 0)
	if n["satkers"] != 1 || n["settings"] != 1 {
		t.Errorf("first chunk: %v", n)
	}
	if !strings.Contains(ids["settings/display.running_text"], "Selamat datang") {
		t.Errorf("setting not shipped: %v", ids)
	}

	// An hour later: a receipt (with a new visitor), then printed.
	now = now.Add(time.Hour)
	r, err := st.CreateReceipt(ctx, store.Receipt{ServiceID: svcs[0].ID, OfficerID: officer.ID, Purpose: "SPM",
		Visitor: store.Visitor{Name: "Budi", SatkerCode: "019001", Phone: "081234567890"}})
	if err != nil {
		t.Fatal(err)
	}
	n, ids = chunkTables(t, st, first)
	if n["receipts"] != 1 || n["visitors"] != 1 || n["settings"] != 0 {
		t.Errorf("receipt chunk: %v", n)
	}
	if d := ids["receipts/"+r.ID]; !strings.Contains(d, r.Number) || !strings.Contains(d, `"print_count":0`) {
		t.Errorf("receipt record %q", d)
	}
	if d := ids["visitors/"+r.Visitor.ID]; !strings.Contains(d, "Budi") {
		t.Errorf("visitor record %q", d)
	}
	afterReceipt, _ := st.LastEventSeq(ctx)
	if err := st.MarkReceiptPrinted(ctx, officer.ID, r.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, ids = chunkTables(t, st, afterReceipt); !strings.Contains(ids["receipts/"+r.ID], `"print_count":1`) {
		t.Errorf("printed receipt not shipped again: %v", ids)
	}

	// A satker import names no rows in its event: the changed window
	// ships the changed satker, not the untouched ones.
	now = now.Add(time.Hour)
	before, _ := st.LastEventSeq(ctx)
	if err := st.ImportSatkers(ctx, officer.ID, []store.Satker{{Code: "019002", Name: "Satker Dua"}}); err != nil {
		t.Fatal(err)
	}
	n, ids = chunkTables(t, st, before)
	if n["satkers"] != 1 || ids["satkers/019002"] == "" {
		t.Errorf("satker import chunk: %v", n)
	}

	// A catalog import ships the document and the catalog services (the
	// older version's services flip to not current, so all of them).
	before, _ = st.LastEventSeq(ctx)
	svc := func(v string) []store.CatalogService {
		return []store.CatalogService{{Key: "kppn|spm", Number: 1, Name: "SPM", Data: `{"v":"` + v + `"}`}}
	}
	if _, err := st.ImportCatalog(ctx, officer.ID, "sp.md", "KPPN", []byte("versi 1"), svc("1")); err != nil {
		t.Fatal(err)
	}
	mid, _ := st.LastEventSeq(ctx)
	doc2, err := st.ImportCatalog(ctx, officer.ID, "sp.md", "KPPN", []byte("versi 2"), svc("2"))
	if err != nil {
		t.Fatal(err)
	}
	n, ids = chunkTables(t, st, mid)
	if n["catalog_documents"] != 1 || ids["catalog_documents/"+doc2.ID] == "" || n["catalog_services"] != 2 {
		t.Errorf("catalog import chunk: %v", n)
	}
	current := 0
	for k, d := range ids {
		if strings.HasPrefix(k, "catalog_services/") && strings.Contains(d, `"current":1`) {
			current++
		}
	}
	if current != 1 {
		t.Errorf("%d current catalog services shipped", current)
	}
	if n, _ = chunkTables(t, st, before); n["catalog_documents"] != 2 {
		t.Errorf("both versions: %v", n)
	}
}
