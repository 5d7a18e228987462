package office_test

import (
	"context"
	"path/filepath"
	"testing"

	"loket/assets"
	"loket/office"
	"loket/store"
)

// BenchmarkReviewCatalogSeed001 measures the review step for the largest
// seed (48 services, 280 KB): parse, diff against the current version and
// pair every service with its correction. Target: under 100 ms, so the
// review window opens without a wait. The whole corrected catalog (the
// Standar Layanan tab, Admin → Layanan) is measured beside it.
//
// Figures: review ns/op, one review of the seed; catalog ns/op, one read of the corrected catalog.
func BenchmarkReviewCatalogSeed001(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(b.TempDir(), "loket.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	l := office.NewLocal(st)
	admin, err := office.FirstRun(ctx, l, office.Setup{Office: office.DemoOffice(), AdminUsername: "admin",
		AdminName: "Admin", AdminPassword: "rahasia1", Demo: true})
	if err != nil {
		b.Fatal(err)
	}
	const name = "001_9fd962519b75d530.txt"
	doc := assets.CatalogDocuments()[name]
	rv, err := l.ReviewCatalog(ctx, name, doc)
	if err != nil || len(rv.Items) != 48 {
		b.Fatalf("review: %d items, %v", len(rv.Items), err)
	}
	// Every tenth service corrected, as an office that checked its catalog.
	for i := 0; i < len(rv.Items); i += 10 {
		reqs := append([]string{"Surat permohonan"}, rv.Items[i].Parsed.Requirements...)
		if _, err := l.SaveCatalogCorrection(ctx, admin.ID, office.CatalogCorrection{Key: rv.Items[i].Key, Source: name, Requirements: &reqs}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("review", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.ReviewCatalog(ctx, name, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("catalog", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.Catalog(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
