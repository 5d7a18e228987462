package store

import (
	"context"
	"testing"
)

// Rows the early booking pull wrote (priority 0/1, checked_in_ticket_id
// ”) take the one form after 0025: NULL until a check-in, the lane name;
// a row already in that form is left alone.
func TestMigration0025OneFormOfOfficeBookings(t *testing.T) {
	ctx := context.Background()
	st, path := openAt(t, 22)
	at := "2026-12-07T01:00:00.000000000Z"
	for _, q := range []string{
		`INSERT INTO office_bookings (code, office_code, service_id, slot_start, slot_end, priority, status, checked_in_ticket_id, updated_at)
			VALUES ('AAAA0001', 'KPPN019', 's1', '` + at + `', '` + at + `', 1, 'booked', '', '` + at + `')`,
		`INSERT INTO office_bookings (code, office_code, service_id, slot_start, slot_end, priority, status, checked_in_ticket_id, updated_at)
			VALUES ('BBBB0001', 'KPPN019', 's1', '` + at + `', '` + at + `', 0, 'checked_in', 't1', '` + at + `')`,
		`INSERT INTO office_bookings (code, office_code, service_id, slot_start, slot_end, priority, status, updated_at)
			VALUES ('CCCC0001', 'KPPN019', 's1', '` + at + `', '` + at + `', 'lansia', 'booked', '` + at + `')`,
	} {
		if _, err := st.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st = reopen(t, st, path)
	want := map[string]struct {
		prio   string
		ticket any
	}{"AAAA0001": {PriorityGroup, nil}, "BBBB0001": {"", "t1"}, "CCCC0001": {PriorityLansia, nil}}
	rows, err := st.db.QueryContext(ctx, `SELECT code, priority, typeof(priority), checked_in_ticket_id FROM office_bookings`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var code, prio, typ string
		var ticket any
		if err := rows.Scan(&code, &prio, &typ, &ticket); err != nil {
			t.Fatal(err)
		}
		if b, ok := ticket.([]byte); ok {
			ticket = string(b)
		}
		w := want[code]
		if prio != w.prio || typ != "text" || ticket != w.ticket {
			t.Fatalf("%s after 0025: priority %q (%s), ticket %v; want %q, %v", code, prio, typ, ticket, w.prio, w.ticket)
		}
		n++
	}
	if n != 3 {
		t.Fatalf("%d rows", n)
	}
}
