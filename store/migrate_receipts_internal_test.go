package store

import (
	"context"
	"testing"
	"time"

	"loket/tracking"
)

// Receipts written before 0015 get a status (a complete file was
// received, an incomplete one went back at the counter), a history of one
// step, and can be walked and saved again afterwards.
func TestMigration0015GivesReceiptsALife(t *testing.T) {
	ctx := context.Background()
	st, path, fo := openAtWithFO(t, 13)
	a := oldSchemaService(t, st, "A", "Layanan A")
	at := "2026-11-23T02:00:00.000000000Z"
	due := "2026-11-30T10:00:00.000000000Z"
	for _, q := range []string{
		`INSERT INTO visitors (id, name, phone, created_at, updated_at) VALUES ('v1', 'Budi', '081234567890', '` + at + `', '` + at + `')`,
		`INSERT INTO receipts (id, office_code, year, seq, number, ticket_id, visitor_id, service_id, checklist, complete,
			due_at, officer_id, created_at) VALUES ('r1', 'KPPN019', 2026, 1, 'TT-KPPN019-2026-00001', 't1', 'v1', '` + a.ID + `',
			'[]', 1, '` + due + `', '` + fo.ID + `', '` + at + `')`,
		`INSERT INTO receipts (id, office_code, year, seq, number, ticket_id, visitor_id, service_id, checklist, complete,
			officer_id, created_at) VALUES ('r2', 'KPPN019', 2026, 2, 'TT-KPPN019-2026-00002', 't2', 'v1', '` + a.ID + `',
			'[{"name":"SPM","present":false,"note":"kurang"}]', 0, '` + fo.ID + `', '` + at + `')`,
	} {
		if _, err := st.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st = reopen(t, st, path)
	cases := []struct {
		number string
		status tracking.Status
		closed bool
	}{{"TT-KPPN019-2026-00001", tracking.Diterima, false}, {"TT-KPPN019-2026-00002", tracking.Dikembalikan, true}}
	for _, c := range cases {
		r, err := st.FindReceipt(ctx, c.number)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != c.status || r.Saves != 1 || r.Steps != 0 || r.ClosedAt.IsZero() != !c.closed ||
			!r.StatusAt.Equal(r.CreatedAt) || !r.UpdatedAt.Equal(r.CreatedAt) {
			t.Fatalf("%s after 0015: %+v", c.number, r)
		}
		if len(r.History) != 1 || r.History[0].Kind != EvReceiptCreated || r.History[0].Status != c.status ||
			r.History[0].OfficerID != fo.ID || !r.History[0].At.Equal(r.CreatedAt) {
			t.Fatalf("%s history after 0015: %+v", c.number, r.History)
		}
	}
	st.Now = func() time.Time { return time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC) }
	r, err := st.SetReceiptStatus(ctx, fo.ID, "TT-KPPN019-2026-00001", tracking.Diproses)
	if err != nil || r.Status != tracking.Diproses || len(r.History) != 2 {
		t.Fatalf("walking an old receipt: %+v %v", r, err)
	}
	over, err := st.OpenReceiptsPastDue(ctx, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || len(over) != 1 || over[0].ID != "r1" {
		t.Fatalf("old receipt past due: %+v %v", over, err)
	}
}
