package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"loket/queue/lifecycle"
)

// Event kinds of a counter's pause: the counter stays open but calls no
// one. Both carry the session and the reason; counter.resumed also says
// what ended the pause ("lanjutkan", "panggil", "ditutup").
const (
	EvCounterPaused  = "counter.paused"
	EvCounterResumed = "counter.resumed"
)

// CallTicket calls a ticket the officer chose instead of the next one in
// the queue's order, with a reason from lifecycle.CallReasons (refused
// without one). The ticket must be waiting today in one of the session's
// services. The ticket.called event is marked out_of_order with the reason
// and how many tickets waited longer; the officer is the session's.
func (s *Store) CallTicket(ctx context.Context, sessionID, ticketID, reason string) (Ticket, error) {
	var t Ticket
	err := s.tx(ctx, func(tx *writeTx) error {
		off, sess, err := s.sessionCtx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		// The reason first: a refusal for a missing reason must not depend
		// on which ticket was named.
		if _, err := lifecycle.CheckReason(lifecycle.CallReasons, reason, "memanggil nomor tertentu"); err != nil {
			return asRefusal(err)
		}
		cur, err := s.ticketQ(ctx, tx, ticketID)
		if err != nil {
			return err
		}
		now := s.now()
		if cur.Status != StatusWaiting {
			return refuse("bad_state", "Nomor %s berstatus %s dan tidak dapat dipanggil.", cur.Code(), lowerLabel(cur.Status))
		}
		if cur.BusinessDate != off.BusinessDate(now) {
			return refuse("bad_state", "Nomor %s berasal dari hari lain.", cur.Code())
		}
		if !slices.Contains(sess.ServiceIDs, cur.ServiceID) {
			return refuse("bad_state", "Nomor %s bukan untuk layanan loket ini; alihkan dulu ke layanan loket ini.", cur.Code())
		}
		if err := s.endPauseQ(ctx, tx, off.Code, sess, "panggil"); err != nil {
			return err
		}
		act := lifecycle.Action{Kind: lifecycle.Call, CounterID: sess.CounterID, OfficerID: sess.OfficerID, Reason: reason}
		if held, err := s.currentQ(ctx, tx, sess.CounterID); err == nil {
			if _, err := s.applyQ(ctx, tx, off, held, now, lifecycle.MakeWay, act); err != nil {
				return err
			}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if act.Ahead, err = s.aheadQ(ctx, tx, cur, sess.ServiceIDs); err != nil {
			return err
		}
		t, err = s.applyQ(ctx, tx, off, cur, now, lifecycle.ChooseCall, act)
		return err
	})
	if err != nil {
		return Ticket{}, wrap("call ticket", err)
	}
	return t, nil
}

// aheadQ counts the tickets of services waiting today that arrived before t.
func (s *Store) aheadQ(ctx context.Context, tx *writeTx, t Ticket, services []string) (int, error) {
	n := 0
	for _, svc := range services {
		var c int
		if err := s.queryRowTx(ctx, tx, `SELECT count(*) FROM tickets WHERE office_code = ? AND business_date = ?
			AND service_id = ? AND status = 'waiting' AND id <> ? AND (queued_at < ? OR (queued_at = ? AND number < ?))`,
			t.Office, t.BusinessDate, svc, t.ID, formatTime(t.QueuedAt), formatTime(t.QueuedAt), t.Number).Scan(&c); err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}

// PauseCounter pauses an open session with a reason from
// lifecycle.PauseReasons: the counter stays open but calls no one until
// ResumeCounter, its next call, or its close. Pausing a paused counter
// refuses.
func (s *Store) PauseCounter(ctx context.Context, sessionID, reason string) error {
	err := s.tx(ctx, func(tx *writeTx) error {
		off, sess, err := s.sessionCtx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		r, err := lifecycle.CheckReason(lifecycle.PauseReasons, reason, "menjeda loket")
		if err != nil {
			return asRefusal(err)
		}
		paused, _, err := s.pauseQ(ctx, tx, sess.ID)
		if err != nil {
			return err
		}
		if paused {
			return refuse("bad_state", "Loket ini sedang dijeda.")
		}
		if _, err := s.execTx(ctx, tx, `UPDATE counter_sessions SET paused_at = ?, pause_reason = ? WHERE id = ?`,
			formatTime(s.now()), r, sess.ID); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCounterPaused, CounterID: sess.CounterID,
			OfficerID: sess.OfficerID, Data: map[string]string{"session": sess.ID, "reason": r}})
	})
	return wrap("pause counter", err)
}

// ResumeCounter ends a session's pause. Resuming a counter that is not
// paused is no error.
func (s *Store) ResumeCounter(ctx context.Context, sessionID string) error {
	err := s.tx(ctx, func(tx *writeTx) error {
		off, sess, err := s.sessionCtx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		return s.endPauseQ(ctx, tx, off.Code, sess, "lanjutkan")
	})
	return wrap("resume counter", err)
}

// CounterPause tells whether a session is paused and why.
func (s *Store) CounterPause(ctx context.Context, sessionID string) (paused bool, reason string, err error) {
	err = s.tx(ctx, func(tx *writeTx) error {
		paused, reason, err = s.pauseQ(ctx, tx, sessionID)
		return err
	})
	return paused, reason, wrap("counter pause", err)
}

func (s *Store) pauseQ(ctx context.Context, tx *writeTx, sessionID string) (bool, string, error) {
	var at sql.NullString
	var reason string
	err := s.queryRowTx(ctx, tx, `SELECT paused_at, pause_reason FROM counter_sessions WHERE id = ?`, sessionID).Scan(&at, &reason)
	if errors.Is(err, sql.ErrNoRows) {
		return false, "", ErrCounterClosed
	}
	return at.Valid, reason, err
}

// endPauseQ ends sess's pause, if any, with a counter.resumed event naming
// what ended it (by): the officer's resume, a call, or the close.
func (s *Store) endPauseQ(ctx context.Context, tx *writeTx, office string, sess CounterSession, by string) error {
	paused, reason, err := s.pauseQ(ctx, tx, sess.ID)
	if err != nil || !paused {
		return err
	}
	if _, err := s.execTx(ctx, tx, `UPDATE counter_sessions SET paused_at = NULL, pause_reason = '' WHERE id = ?`, sess.ID); err != nil {
		return err
	}
	return s.appendEvent(ctx, tx, &Event{Office: office, Kind: EvCounterResumed, CounterID: sess.CounterID,
		OfficerID: sess.OfficerID, Data: map[string]string{"session": sess.ID, "reason": reason, "by": by}})
}

func lowerLabel(st string) string { return strings.ToLower(lifecycle.StatusLabel(st)) }

// clockSlack is how far the event clock may step back (a PC's clock set
// right) without EventsInWindow missing an event.
const clockSlack = time.Hour

// EventsInWindow returns the events at or after from and before to, in
// log order, as EventsBetween does, but reads only that stretch of the
// log: events has no index on at (the write path pays for every index),
// while seq follows at, so a binary search on seq finds where the window
// starts and the scan stops soon after it ends. A day's fairness sheet
// thus costs the same in the first week as after five years.
func (s *Store) EventsInWindow(ctx context.Context, from, to time.Time) ([]Event, error) {
	var lo, hi sql.NullInt64
	// Two queries: SQLite answers min() or max() alone from the rowid,
	// both in one query by a scan of the table.
	if err := s.db.QueryRowContext(ctx, `SELECT min(seq) FROM events`).Scan(&lo); err != nil {
		return nil, fmt.Errorf("store: events in window: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT max(seq) FROM events`).Scan(&hi); err != nil {
		return nil, fmt.Errorf("store: events in window: %w", err)
	}
	if !lo.Valid {
		return nil, nil
	}
	start, stop := from.Add(-clockSlack), to.Add(clockSlack)
	l, h := lo.Int64, hi.Int64+1
	for l < h { // the first seq whose event is at or after start
		m := l + (h-l)/2
		var at string
		err := s.db.QueryRowContext(ctx, `SELECT at FROM events WHERE seq >= ? ORDER BY seq LIMIT 1`, m).Scan(&at)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("store: events in window: %w", err)
		}
		if err == nil && parseTime(at).Before(start) {
			l = m + 1
		} else {
			h = m
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE seq >= ? ORDER BY seq`, l)
	if err != nil {
		return nil, fmt.Errorf("store: events in window: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: events in window: %w", err)
		}
		if e.At.After(stop) {
			break
		}
		if !e.At.Before(from) && e.At.Before(to) {
			out = append(out, e)
		}
	}
	return out, rows.Err()
}
