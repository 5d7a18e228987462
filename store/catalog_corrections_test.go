package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"loket/store"
)

// events returns the kinds and data of the events written after seq.
func eventsAfter(t *testing.T, st *store.Store, seq int64) []store.Event {
	t.Helper()
	evs, err := st.EventsAfter(context.Background(), seq, 100)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func TestCatalogCorrections(t *testing.T) {
	ctx := context.Background()
	st, _, _, officer := newOffice(t)
	svc := func(v string) []store.CatalogService {
		return []store.CatalogService{{Key: "kppn | spm", Number: 1, Name: "SPM", Data: `{"v":"` + v + `"}`}}
	}
	if _, err := st.ImportCatalog(ctx, officer.ID, "sp.md", "KPPN", []byte("versi 1"), svc("1")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CatalogCorrection(ctx, "kppn | spm"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("correction before any: %v", err)
	}

	t.Run("save and replace", func(t *testing.T) {
		seq, _ := st.LastEventSeq(ctx)
		c, err := st.SaveCatalogCorrection(ctx, officer.ID, store.CatalogCorrection{Key: "kppn | spm", Source: "sp.md", Unit: "KPPN", Data: `{"a":1}`})
		if err != nil || c.ID == "" || c.CreatedBy != officer.ID {
			t.Fatalf("save: %+v %v", c, err)
		}
		c2, err := st.SaveCatalogCorrection(ctx, officer.ID, store.CatalogCorrection{Key: "kppn | spm", Source: "sp.md", Unit: "KPPN",
			Data: `{"a":2}`, Fields: "persyaratan"})
		if err != nil || c2.ID != c.ID {
			t.Fatalf("replace kept id %q, got %+v %v", c.ID, c2, err)
		}
		got, err := st.CatalogCorrection(ctx, "kppn | spm")
		if err != nil || got.Data != `{"a":2}` || got.UpdatedBy != officer.ID {
			t.Fatalf("read back %+v %v", got, err)
		}
		evs := eventsAfter(t, st, seq)
		if len(evs) != 2 || evs[0].Kind != store.EvCatalogCorrected || evs[0].OfficerID != officer.ID ||
			evs[1].Data["fields"] != "persyaratan" || evs[0].At.IsZero() {
			t.Fatalf("events %+v", evs)
		}
	})

	t.Run("empty key refused", func(t *testing.T) {
		_, err := st.SaveCatalogCorrection(ctx, officer.ID, store.CatalogCorrection{Data: `{}`})
		var e *store.Error
		if !errors.As(err, &e) || e.Code != "invalid" {
			t.Fatalf("want invalid, got %v", err)
		}
	})

	t.Run("survives a new version", func(t *testing.T) {
		if _, err := st.ImportCatalog(ctx, officer.ID, "sp.md", "KPPN", []byte("versi 2"), svc("2")); err != nil {
			t.Fatal(err)
		}
		cs, err := st.CatalogCorrections(ctx)
		if err != nil || len(cs) != 1 || cs[0].Data != `{"a":2}` {
			t.Fatalf("after import: %+v %v", cs, err)
		}
	})

	t.Run("reviewed import saves and drops in one go", func(t *testing.T) {
		seq, _ := st.LastEventSeq(ctx)
		doc, err := st.ImportCatalogReviewed(ctx, officer.ID, "sp.md", "KPPN", []byte("versi 3"), svc("3"), store.CatalogReviewWrite{
			Save: []store.CatalogCorrection{{Key: "kppn | manual", Source: "sp.md", Unit: "KPPN", Manual: true, Data: `{"m":1}`}},
			Drop: []string{"kppn | spm"},
		})
		if err != nil || doc.Version != 3 {
			t.Fatalf("import %+v %v", doc, err)
		}
		cs, _ := st.CatalogCorrections(ctx)
		if len(cs) != 1 || cs[0].Key != "kppn | manual" || !cs[0].Manual {
			t.Fatalf("after review: %+v", cs)
		}
		var kinds []string
		for _, e := range eventsAfter(t, st, seq) {
			kinds = append(kinds, e.Kind)
			if e.OfficerID != officer.ID {
				t.Errorf("event %s without officer", e.Kind)
			}
			if e.Kind != store.EvCatalogImported && e.Data["document"] != doc.ID {
				t.Errorf("event %s not tied to document %s: %v", e.Kind, doc.ID, e.Data)
			}
		}
		if strings.Join(kinds, ",") != "catalog.imported,catalog.correction_dropped,catalog.corrected" {
			t.Fatalf("events %v", kinds)
		}
		// Dropping again: nothing in force.
		if err := st.DropCatalogCorrection(ctx, officer.ID, "kppn | spm"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second drop: %v", err)
		}
		// Saving a dropped key revives its row.
		c, err := st.SaveCatalogCorrection(ctx, officer.ID, store.CatalogCorrection{Key: "kppn | spm", Source: "sp.md", Unit: "KPPN", Data: `{"a":3}`})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := st.CatalogCorrection(ctx, "kppn | spm"); got.ID != c.ID || got.Data != `{"a":3}` {
			t.Fatalf("revived %+v", got)
		}
	})

	t.Run("same bytes store no version but apply the review", func(t *testing.T) {
		seq, _ := st.LastEventSeq(ctx)
		doc, err := st.ImportCatalogReviewed(ctx, officer.ID, "sp.md", "KPPN", []byte("versi 3"), svc("3"),
			store.CatalogReviewWrite{Drop: []string{"kppn | manual"}})
		if err != nil || doc.Version != 3 {
			t.Fatalf("reimport %+v %v", doc, err)
		}
		evs := eventsAfter(t, st, seq)
		if len(evs) != 1 || evs[0].Kind != store.EvCatalogCorrectionDropped {
			t.Fatalf("events %+v", evs)
		}
		docs, _ := st.CatalogDocuments(ctx)
		if len(docs) != 3 {
			t.Fatalf("%d versions", len(docs))
		}
	})

	t.Run("ships in the sync", func(t *testing.T) {
		seq, _ := st.LastEventSeq(ctx)
		if err := st.DropCatalogCorrection(ctx, officer.ID, "kppn | spm"); err != nil {
			t.Fatal(err)
		}
		n, ids := chunkTables(t, st, seq)
		if n["catalog_corrections"] != 1 || !strings.Contains(ids["catalog_corrections/"+firstID(ids, "catalog_corrections/")], `"dropped_at":"2`) {
			t.Fatalf("sync chunk %v", n)
		}
	})
}

func firstID(ids map[string]string, prefix string) string {
	for k := range ids {
		if strings.HasPrefix(k, prefix) {
			return strings.TrimPrefix(k, prefix)
		}
	}
	return ""
}
