package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// Satker is a stakeholder work unit (satuan kerja) by its 6-digit code.
type Satker struct {
	Code string
	Name string
}

// Visitor is the person who comes to the counter on behalf of a satker.
type Visitor struct {
	ID         string
	SatkerCode string
	SatkerName string
	Name       string
	IDNumber   string // NIP or NIK, optional
	Phone      string
	Email      string
	UpdatedAt  time.Time
}

// CheckItem is one requirement ticked (or not) at the counter.
type CheckItem struct {
	Name    string `json:"name"`
	Present bool   `json:"present"`
	Note    string `json:"note,omitempty"`
}

// Receipt is a tanda terima: proof that the office received a visitor's
// file, with the checklist as ticked and the promised completion.
type Receipt struct {
	ID               string
	Number           string
	TicketID         string
	TicketCode       string
	Visitor          Visitor
	ServiceID        string
	CatalogServiceID string
	Purpose          string
	Checklist        []CheckItem
	Complete         bool
	DueAt            time.Time
	DueNote          string
	OfficerID        string
	CreatedAt        time.Time
	PrintedAt        time.Time
	PrintCount       int
	PrintError       string
}

// Front-office event kinds.
const (
	EvVisitorSaved    = "visitor.saved"
	EvReceiptCreated  = "receipt.created"
	EvReceiptPrinted  = "receipt.printed"
	EvSatkersImported = "satker.imported"
)

var (
	satkerRE = regexp.MustCompile(`^[0-9]{6}$`)
	phoneRE  = regexp.MustCompile(`^(\+62|62|0)[0-9]{7,13}$`)
	idNumRE  = regexp.MustCompile(`^[0-9]{16,18}$`)
)

// NormalizePhone strips spaces, dashes, dots and brackets from a phone
// number as typed.
func NormalizePhone(p string) string {
	return strings.NewReplacer(" ", "", "-", "", ".", "", "(", "", ")", "").Replace(strings.TrimSpace(p))
}

// Validate checks a visitor and says what is wrong, in Indonesian.
func (v *Visitor) Validate() error {
	v.Name = strings.TrimSpace(v.Name)
	v.SatkerCode = strings.TrimSpace(v.SatkerCode)
	v.IDNumber = strings.ReplaceAll(strings.TrimSpace(v.IDNumber), " ", "")
	v.Phone = NormalizePhone(v.Phone)
	v.Email = strings.TrimSpace(v.Email)
	switch {
	case v.SatkerCode != "" && !satkerRE.MatchString(v.SatkerCode):
		return refuse("invalid", "Kode satker harus 6 digit angka (contoh: 409294).")
	case v.Name == "":
		return refuse("invalid", "Nama perwakilan wajib diisi.")
	case v.IDNumber != "" && !idNumRE.MatchString(v.IDNumber):
		return refuse("invalid", "NIP harus 18 digit atau NIK 16 digit angka.")
	case v.Phone == "":
		return refuse("invalid", "Nomor telepon/HP wajib diisi agar petugas dapat menghubungi.")
	case !phoneRE.MatchString(v.Phone):
		return refuse("invalid", "Nomor telepon tidak valid. Tulis seperti 081234567890 atau +6281234567890.")
	}
	if v.Email != "" {
		if a, err := mail.ParseAddress(v.Email); err != nil || a.Address != v.Email || !strings.Contains(v.Email, ".") {
			return refuse("invalid", "Alamat email tidak valid (contoh: nama@kemenkeu.go.id).")
		}
	}
	return nil
}

// ImportSatkers adds or renames satkers (the master list), all or nothing.
func (s *Store) ImportSatkers(ctx context.Context, actorID string, list []Satker) error {
	for i, st := range list {
		if !satkerRE.MatchString(st.Code) {
			return refuse("invalid", "Baris %d: kode satker %q harus 6 digit angka.", i+1, st.Code)
		}
		if strings.TrimSpace(st.Name) == "" {
			return refuse("invalid", "Baris %d: nama satker %s kosong.", i+1, st.Code)
		}
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := formatTime(s.now())
		for _, st := range list {
			if _, err := tx.ExecContext(ctx, `INSERT INTO satkers (code, name, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
				st.Code, strings.TrimSpace(st.Name), now); err != nil {
				return err
			}
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvSatkersImported, OfficerID: actorID,
			Data: map[string]string{"count": fmt.Sprint(len(list))}})
	})
	return wrap("import satkers", err)
}

// SearchSatkers finds satkers whose code starts with q or whose name
// contains it, for autocomplete.
func (s *Store) SearchSatkers(ctx context.Context, q string, limit int) ([]Satker, error) {
	q = strings.TrimSpace(q)
	rows, err := s.db.QueryContext(ctx, `SELECT code, name FROM satkers WHERE code LIKE ? || '%' OR name LIKE '%' || ? || '%'
		ORDER BY code LIMIT ?`, q, q, limit)
	if err != nil {
		return nil, fmt.Errorf("store: satkers: %w", err)
	}
	defer rows.Close()
	var out []Satker
	for rows.Next() {
		var st Satker
		if err := rows.Scan(&st.Code, &st.Name); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

const visitorColumns = `v.id, v.satker_code, COALESCE(s.name, ''), v.name, v.id_number, v.phone, v.email, v.updated_at`

func scanVisitor(sc interface{ Scan(...any) error }) (Visitor, error) {
	var v Visitor
	var updated string
	err := sc.Scan(&v.ID, &v.SatkerCode, &v.SatkerName, &v.Name, &v.IDNumber, &v.Phone, &v.Email, &updated)
	v.UpdatedAt = parseTime(updated)
	return v, err
}

// FindVisitors looks a returning visitor up by phone number or satker code
// (or name part), most recent first.
func (s *Store) FindVisitors(ctx context.Context, q string, limit int) ([]Visitor, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	phone := NormalizePhone(q)
	rows, err := s.db.QueryContext(ctx, `SELECT `+visitorColumns+` FROM visitors v LEFT JOIN satkers s ON s.code = v.satker_code
		WHERE v.phone = ? OR v.phone LIKE '%' || ? OR v.satker_code = ? OR v.name LIKE '%' || ? || '%'
		ORDER BY v.updated_at DESC LIMIT ?`, phone, phone, q, q, limit)
	if err != nil {
		return nil, fmt.Errorf("store: find visitors: %w", err)
	}
	defer rows.Close()
	var out []Visitor
	for rows.Next() {
		v, err := scanVisitor(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// saveVisitorTx creates or updates a visitor inside tx.
func (s *Store) saveVisitorTx(ctx context.Context, tx *writeTx, office string, v *Visitor) error {
	now := s.now()
	if v.ID == "" {
		v.ID = s.newID(office)
		if _, err := tx.ExecContext(ctx, `INSERT INTO visitors (id, satker_code, name, id_number, phone, email, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, v.ID, v.SatkerCode, v.Name, v.IDNumber, v.Phone, v.Email,
			formatTime(now), formatTime(now)); err != nil {
			return err
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE visitors SET satker_code = ?, name = ?, id_number = ?, phone = ?, email = ?,
			updated_at = ? WHERE id = ?`, v.SatkerCode, v.Name, v.IDNumber, v.Phone, v.Email, formatTime(now), v.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refuse("not_found", "Data pengunjung tidak ditemukan.")
		}
	}
	v.UpdatedAt = now
	// PII stays out of the event payload; the event only says who changed.
	return s.appendEvent(ctx, tx, &Event{Office: office, Kind: EvVisitorSaved, Data: map[string]string{"visitor": v.ID}})
}

// CreateReceipt registers the visitor (new or returning) and stores the
// receipt with a number unique in the office: TT-<office>-<year>-<seq>.
func (s *Store) CreateReceipt(ctx context.Context, r Receipt) (Receipt, error) {
	if err := r.Visitor.Validate(); err != nil {
		return r, err
	}
	if len(r.Checklist) == 0 {
		r.Complete = true
	}
	for _, c := range r.Checklist {
		if !c.Present && strings.TrimSpace(c.Note) == "" {
			return r, refuse("invalid", "Persyaratan \"%s\" belum ada: tulis catatan apa yang kurang.", shortText(c.Name, 60))
		}
	}
	checklist, err := json.Marshal(r.Checklist)
	if err != nil {
		return r, fmt.Errorf("store: receipt: %w", err)
	}
	err = s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if r.Visitor.SatkerCode != "" {
			var name string
			if err := tx.QueryRowContext(ctx, `SELECT name FROM satkers WHERE code = ?`, r.Visitor.SatkerCode).Scan(&name); err == nil {
				r.Visitor.SatkerName = name
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if err := s.saveVisitorTx(ctx, tx, off.Code, &r.Visitor); err != nil {
			return err
		}
		now := s.now()
		year := now.In(off.Location()).Year()
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) + 1 FROM receipts WHERE office_code = ? AND year = ?`,
			off.Code, year).Scan(&seq); err != nil {
			return err
		}
		r.ID = s.newID(off.Code)
		r.Number = fmt.Sprintf("TT-%s-%d-%05d", off.Code, year, seq)
		r.CreatedAt = now
		var due sql.NullString
		if !r.DueAt.IsZero() {
			due = sql.NullString{String: formatTime(r.DueAt), Valid: true}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO receipts (id, office_code, year, seq, number, ticket_id, visitor_id,
			service_id, catalog_service_id, purpose, checklist, complete, due_at, due_note, officer_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, off.Code, year, seq, r.Number, r.TicketID, r.Visitor.ID, r.ServiceID, r.CatalogServiceID,
			strings.TrimSpace(r.Purpose), string(checklist), r.Complete, due, r.DueNote, r.OfficerID, formatTime(now)); err != nil {
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return refuse("not_found", "Layanan tidak ditemukan.")
			}
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvReceiptCreated, TicketID: r.TicketID,
			ServiceID: r.ServiceID, OfficerID: r.OfficerID,
			Data: map[string]string{"receipt": r.Number, "complete": fmt.Sprint(r.Complete), "catalog_service": r.CatalogServiceID}})
	})
	if err != nil {
		return r, wrap("create receipt", err)
	}
	return r, nil
}

func shortText(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// MarkReceiptPrinted records a print attempt: printErr empty means it
// came out of the printer; otherwise the receipt stays "belum tercetak".
func (s *Store) MarkReceiptPrinted(ctx context.Context, actorID, id, printErr string) error {
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := formatTime(s.now())
		var res sql.Result
		if printErr == "" {
			res, err = tx.ExecContext(ctx, `UPDATE receipts SET printed_at = ?, print_count = print_count + 1, print_error = ''
				WHERE id = ?`, now, id)
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE receipts SET print_error = ? WHERE id = ?`, printErr, id)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refuse("not_found", "Tanda terima tidak ditemukan.")
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvReceiptPrinted, OfficerID: actorID,
			Data: map[string]string{"receipt": id, "error": printErr}})
	})
	return wrap("mark receipt printed", err)
}

const receiptColumns = `r.id, r.number, r.ticket_id, COALESCE(t.prefix, ''), COALESCE(t.number, 0), r.service_id,
	r.catalog_service_id, r.purpose, r.checklist, r.complete, r.due_at, r.due_note, r.officer_id, r.created_at,
	r.printed_at, r.print_count, r.print_error, ` + visitorColumns

func (s *Store) queryReceipts(ctx context.Context, where string, args ...any) ([]Receipt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+receiptColumns+` FROM receipts r JOIN visitors v ON v.id = r.visitor_id
		LEFT JOIN satkers s ON s.code = v.satker_code LEFT JOIN tickets t ON t.id = r.ticket_id
		WHERE `+where+` ORDER BY r.created_at`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: receipts: %w", err)
	}
	defer rows.Close()
	var out []Receipt
	for rows.Next() {
		var r Receipt
		var prefix, checklist, created string
		var num int
		var due, printed sql.NullString
		var updated string
		if err := rows.Scan(&r.ID, &r.Number, &r.TicketID, &prefix, &num, &r.ServiceID, &r.CatalogServiceID, &r.Purpose,
			&checklist, &r.Complete, &due, &r.DueNote, &r.OfficerID, &created, &printed, &r.PrintCount, &r.PrintError,
			&r.Visitor.ID, &r.Visitor.SatkerCode, &r.Visitor.SatkerName, &r.Visitor.Name, &r.Visitor.IDNumber,
			&r.Visitor.Phone, &r.Visitor.Email, &updated); err != nil {
			return nil, fmt.Errorf("store: receipts: %w", err)
		}
		if prefix != "" {
			r.TicketCode = FormatCode(prefix, num)
		}
		_ = json.Unmarshal([]byte(checklist), &r.Checklist)
		r.DueAt, r.CreatedAt, r.PrintedAt = nullTime(due), parseTime(created), nullTime(printed)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReceiptsBetween lists receipts created in [from, to).
func (s *Store) ReceiptsBetween(ctx context.Context, from, to time.Time) ([]Receipt, error) {
	return s.queryReceipts(ctx, `r.created_at >= ? AND r.created_at < ?`, formatTime(from), formatTime(to))
}

// FindReceipt finds a receipt by its number (or id).
func (s *Store) FindReceipt(ctx context.Context, number string) (Receipt, error) {
	out, err := s.queryReceipts(ctx, `r.number = ? OR r.id = ?`, strings.TrimSpace(number), number)
	if err != nil {
		return Receipt{}, err
	}
	if len(out) == 0 {
		return Receipt{}, refuse("not_found", "Tanda terima %s tidak ditemukan.", number)
	}
	return out[0], nil
}
