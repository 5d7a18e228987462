package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The phone link of a ticket (/t/<code> on the hub) is the ticket's date and
// number with an HMAC of them under a per-store key (migration 0021):
//
//	20261205-A001-k2m4p6r8t0v2x4z6
//
// The date and number are printed on the stub anyway; the 16 base32
// characters (80 bits) are what a visitor cannot guess for someone else's
// ticket. Deriving rather than storing the code keeps issuing a ticket at
// one insert, and the existing tickets_number index finds the ticket.

// phoneKeyName is the local_keys row holding the key (migration 0021: not
// a setting, since settings travel to the centre on sync).
const phoneKeyName = "phone_link"

var phoneB32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// phoneMAC is the code's secret part for a ticket.
func phoneMAC(key []byte, date, prefix string, number int) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "%s|%s|%d", date, prefix, number)
	return phoneB32.EncodeToString(m.Sum(nil)[:10])
}

func phoneCode(key []byte, t Ticket) string {
	return strings.ReplaceAll(t.BusinessDate, "-", "") + "-" + t.Code() + "-" + phoneMAC(key, t.BusinessDate, t.Prefix, t.Number)
}

// phoneCodeIn is t's phone code, reading the key inside tx the first time.
// A store without the key (it cannot happen after migration 0021) gives
// tickets without a phone link rather than failing to issue them.
func (s *Store) phoneCodeIn(ctx context.Context, tx *writeTx, t Ticket) string {
	if k := s.phoneKey.Load(); k != nil {
		return phoneCode(*k, t)
	}
	var v string
	if err := s.queryRowTx(ctx, tx, `SELECT key FROM local_keys WHERE name = ?`, phoneKeyName).Scan(&v); err != nil {
		return ""
	}
	k, err := hex.DecodeString(v)
	if err != nil || len(k) < 16 {
		return ""
	}
	s.phoneKey.Store(&k)
	return phoneCode(k, t)
}

func (s *Store) phoneKeyRead(ctx context.Context) ([]byte, error) {
	if k := s.phoneKey.Load(); k != nil {
		return *k, nil
	}
	var v string
	if err := s.db.QueryRowContext(ctx, `SELECT key FROM local_keys WHERE name = ?`, phoneKeyName).Scan(&v); err != nil {
		return nil, err
	}
	k, err := hex.DecodeString(v)
	if err != nil || len(k) < 16 {
		return nil, fmt.Errorf("phone key malformed")
	}
	s.phoneKey.Store(&k)
	return k, nil
}

// PhoneCode is the phone-page code of a ticket (the one IssueTicket set in
// Ticket.PhoneCode), for reprinting a stub.
func (s *Store) PhoneCode(ctx context.Context, t Ticket) (string, error) {
	k, err := s.phoneKeyRead(ctx)
	if err != nil {
		return "", fmt.Errorf("store: phone code: %w", err)
	}
	return phoneCode(k, t), nil
}

// TicketByPhoneCode finds the ticket of a phone-page code. A code that is
// malformed, or whose secret part does not match, is ErrNotFound exactly
// like an unknown ticket, so the answer tells a guesser nothing. The
// ticket may be from another day: the caller decides what an old ticket
// shows.
func (s *Store) TicketByPhoneCode(ctx context.Context, code string) (Ticket, error) {
	date, prefix, number, mac, ok := parsePhoneCode(code)
	if !ok {
		return Ticket{}, ErrNotFound
	}
	k, err := s.phoneKeyRead(ctx)
	if err != nil {
		return Ticket{}, fmt.Errorf("store: ticket by phone code: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(phoneMAC(k, date, prefix, number)), []byte(mac)) != 1 {
		return Ticket{}, ErrNotFound
	}
	off, err := s.Office(ctx)
	if err != nil {
		return Ticket{}, err
	}
	q, err := s.stmt(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE office_code = ? AND business_date = ? AND prefix = ? AND number = ?`)
	if err != nil {
		return Ticket{}, err
	}
	t, err := scanTicket(q.QueryRowContext(ctx, off.Code, date, prefix, number))
	if errors.Is(err, sql.ErrNoRows) {
		return Ticket{}, ErrNotFound
	}
	if err != nil {
		return Ticket{}, fmt.Errorf("store: ticket by phone code: %w", err)
	}
	t.PhoneCode = phoneCode(k, t)
	return t, nil
}

// parsePhoneCode splits "20261205-A001-<mac>" into the business date
// (2026-12-05), prefix, number and mac.
func parsePhoneCode(code string) (date, prefix string, number int, mac string, ok bool) {
	parts := strings.Split(code, "-")
	if len(parts) != 3 || len(parts[0]) != 8 || len(parts[2]) != 16 || len(parts[1]) < 2 || len(parts[1]) > 12 {
		return "", "", 0, "", false
	}
	for _, r := range parts[0] {
		if r < '0' || r > '9' {
			return "", "", 0, "", false
		}
	}
	d := parts[0][:4] + "-" + parts[0][4:6] + "-" + parts[0][6:]
	num := strings.TrimLeft(parts[1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	prefix = parts[1][:len(parts[1])-len(num)]
	if prefix == "" || len(prefix) > 3 || num == "" {
		return "", "", 0, "", false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || strconv.Itoa(n) != strings.TrimLeft(num, "0") {
		return "", "", 0, "", false
	}
	for _, r := range parts[2] {
		if !strings.ContainsRune("abcdefghijklmnopqrstuvwxyz234567", r) {
			return "", "", 0, "", false
		}
	}
	return d, prefix, n, parts[2], true
}
