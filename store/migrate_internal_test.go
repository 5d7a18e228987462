package store

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// A store written before 0013 (tickets keyed by id) is upgraded in place:
// every ticket keeps every field, numbering goes on, the number and the id
// stay unique, and a counter calls from the rebuilt table.
func TestMigration0013KeepsTickets(t *testing.T) {
	ctx := context.Background()
	st, path, fo := openAtWithFO(t, 12)
	a := oldSchemaService(t, st, "A", "Layanan A")
	b := oldSchemaService(t, st, "B", "Layanan B")
	ctr, _ := st.SaveCounter(ctx, "", Counter{Number: 1, Active: true})
	for _, sv := range []Service{a, a, b, a} {
		if _, err := st.IssueTicket(ctx, sv.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	// The counter's session and its first call (A001), written as a
	// release of that time wrote them: this release's session code reads
	// counter_sessions.handed_over_at, which only 0016 adds.
	sess := CounterSession{ID: "KPPN019-sesi-lama"}
	now := formatTime(st.now())
	var first Ticket
	if err := st.db.QueryRowContext(ctx, `SELECT id FROM tickets WHERE prefix = 'A' AND number = 1`).Scan(&first.ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO counter_sessions (id, counter_id, officer_id, opened_at) VALUES (?, ?, ?, ?)`, []any{sess.ID, ctr.ID, fo.ID, now}},
		{`INSERT INTO counter_session_services (session_id, service_id) VALUES (?, ?), (?, ?)`, []any{sess.ID, a.ID, sess.ID, b.ID}},
		{`UPDATE tickets SET status = 'called', called_at = ?, counter_id = ?, officer_id = ?, updated_at = ? WHERE id = ?`,
			[]any{now, ctr.ID, fo.ID, now, first.ID}},
	} {
		if _, err := st.db.ExecContext(ctx, q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	all := func() []Ticket {
		rows, err := st.db.QueryContext(ctx, `SELECT `+ticketColumns+` FROM tickets ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []Ticket
		for rows.Next() {
			tk, err := scanTicket(rows)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, tk)
		}
		return out
	}
	before := all()
	var old int
	st.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'tickets_number'`).Scan(&old)
	if len(before) != 4 || old != 1 {
		t.Fatalf("pre-0013 store: %d tickets, tickets_number %d", len(before), old)
	}
	st = reopen(t, st, path)
	if after := all(); !reflect.DeepEqual(before, after) {
		t.Fatalf("tickets changed by 0013:\n%+v\n%+v", before, after)
	}
	var idx int
	st.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'
		AND name IN ('tickets_id', 'tickets_counter', 'tickets_counter_active')`).Scan(&idx)
	if idx != 3 {
		t.Fatalf("indexes after 0013: %d of 3", idx)
	}
	// The called ticket is still the counter's current one; the next
	// call and the next number go on from the rebuilt table.
	if cur, err := st.CurrentTicket(ctx, ctr.ID); err != nil || cur.ID != first.ID {
		t.Fatalf("current after upgrade %+v %v", cur, err)
	}
	if _, err := st.Finish(ctx, sess.ID, first.ID); err != nil {
		t.Fatal(err)
	}
	if next, err := st.CallNext(ctx, sess.ID, nil); err != nil || next.Code() != "A002" {
		t.Fatalf("next call %s %v", next.Code(), err)
	}
	if tk, err := st.IssueTicket(ctx, a.ID, ""); err != nil || tk.Number != 4 {
		t.Fatalf("numbering after upgrade: %+v %v", tk, err)
	}
	dup := before[1]
	for _, c := range []struct{ id, prefix string }{{"KPPN019-other", dup.Prefix}, {dup.ID, "Z"}} {
		_, err := st.db.ExecContext(ctx, `INSERT INTO tickets (id, office_code, business_date, prefix, number, service_id,
			status, issued_at, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'waiting', '', '', '')`,
			c.id, dup.Office, dup.BusinessDate, c.prefix, dup.Number, dup.ServiceID)
		if err == nil {
			t.Errorf("duplicate %s accepted", c.id)
		}
	}
	if _, err := st.db.ExecContext(ctx, `UPDATE tickets SET status = 'lost' WHERE id = ?`, dup.ID); err == nil {
		t.Error("status outside the lifecycle accepted")
	}
	if err := st.Integrity(ctx); err != nil {
		t.Fatal(err)
	}
}

// A write that cannot get its turn (here: a write started inside another
// write's transaction) is refused with an Indonesian message after the
// wait, instead of hanging the counter; nothing of it is written.
func TestWriterTurnRefusedNotHung(t *testing.T) {
	old := writerWait
	writerWait = 50 * time.Millisecond
	defer func() { writerWait = old }()
	st, err := Open(filepath.Join(t.TempDir(), "loket.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	var inner error
	err = st.tx(ctx, func(*writeTx) error {
		_, inner = st.SaveOffice(ctx, "", Office{Code: "KPPN019", Name: "KPPN Pekanbaru", Zone: "Asia/Jakarta"})
		return nil
	})
	if err != nil || !errors.Is(inner, ErrBusy) || !strings.Contains(Message(inner), "tidak ada yang tersimpan") {
		t.Fatalf("outer %v, inner %v", err, inner)
	}
	if _, err := st.Office(ctx); !errors.Is(err, ErrNoOffice) {
		t.Fatalf("office written by a refused write: %v", err)
	}
	// The turn is free again afterwards.
	if _, err := st.SaveOffice(ctx, "", Office{Code: "KPPN019", Name: "KPPN Pekanbaru", Zone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
}
