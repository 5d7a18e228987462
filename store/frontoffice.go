package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"loket/tracking"
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

	// The file's life (package tracking): status, when it last moved,
	// how many steps it took and when it was processed, completed and
	// closed (zero until then).
	Status      tracking.Status
	StatusAt    time.Time
	Steps       int
	ProcessedAt time.Time
	CompletedAt time.Time
	ClosedAt    time.Time
	// UpdatedAt is the last change; Saves counts the counter's saves
	// (1: never saved again). Updated says the save that returned this
	// receipt changed an existing one rather than making a new number.
	UpdatedAt time.Time
	Saves     int
	Updated   bool
	// History is the file's steps, oldest first; FindReceipt fills it.
	History []ReceiptStep
}

// File is the receipt's life as the tracking rules see it.
func (r Receipt) File() tracking.File {
	return tracking.File{Status: r.Status, StatusAt: r.StatusAt, Steps: r.Steps, ProcessedAt: r.ProcessedAt,
		CompletedAt: r.CompletedAt, ClosedAt: r.ClosedAt}
}

// ReceiptStep is one recorded step of a receipt: saved at the counter,
// saved again, or a lifecycle status, by whom and when.
type ReceiptStep struct {
	At        time.Time       `json:"at"`
	Kind      string          `json:"kind"` // EvReceiptCreated, EvReceiptUpdated or EvReceiptStatus
	Status    tracking.Status `json:"status"`
	OfficerID string          `json:"officer"`
}

// appendStep adds a step to a receipt's history column inside tx.
func appendStep(ctx context.Context, tx *writeTx, id string, st ReceiptStep) error {
	b, err := json.Marshal(struct {
		At        string          `json:"at"`
		Kind      string          `json:"kind"`
		Status    tracking.Status `json:"status"`
		OfficerID string          `json:"officer"`
	}{formatTime(st.At), st.Kind, st.Status, st.OfficerID})
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE receipts SET history = json_insert(history, '$[#]', json(?)) WHERE id = ?`, string(b), id)
	return err
}

// Front-office event kinds.
const (
	EvVisitorSaved   = "visitor.saved"
	EvReceiptCreated = "receipt.created"
	EvReceiptPrinted = "receipt.printed"
	// EvReceiptUpdated: the visit's receipt saved again (same number).
	EvReceiptUpdated = "receipt.updated"
	// EvReceiptStatus: the file moved one step in its life.
	EvReceiptStatus   = "receipt.status"
	EvSatkersImported = "satker.imported"
)

var (
	satkerRE = regexp.MustCompile(`^[0-9]{6}$`)
	phoneRE  = regexp.MustCompile(`^(\+62|62|0)[0-9]{7,13}$`)
	// NIP is 18 digits, NIK 16; nothing in between is either.
	idNumRE = regexp.MustCompile(`^([0-9]{16}|[0-9]{18})$`)
)

// NormalizePhone strips spaces, dashes, dots and brackets from a phone
// number as typed.
func NormalizePhone(p string) string {
	return strings.NewReplacer(" ", "", "-", "", ".", "", "(", "", ")", "").Replace(strings.TrimSpace(p))
}

// Validate checks a visitor and says what is wrong, in Indonesian. The
// phone is required; ValidateFor checks against what a service asks.
func (v *Visitor) Validate() error { return v.validate(true) }

func (v *Visitor) validate(phoneRequired bool) error {
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
		return refuse("invalid", "NIP harus 18 digit angka (atau NIK 16 digit); yang tertulis %d karakter.", len([]rune(v.IDNumber)))
	case v.Phone == "" && phoneRequired:
		return refuse("invalid", "Nomor telepon/HP wajib diisi agar petugas dapat menghubungi.")
	case v.Phone != "" && !phoneRE.MatchString(v.Phone):
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
		WHERE (v.phone = ? OR v.phone LIKE '%' || ? OR v.satker_code = ? OR v.name LIKE '%' || ? || '%')
		AND v.restricted_at IS NULL ORDER BY v.updated_at DESC LIMIT ?`, phone, phone, q, q, limit)
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
	return s.saveVisitorFieldsTx(ctx, tx, office, v, VisitorFieldList)
}

// saveVisitorFieldsTx saves a visitor as a registration asking fields: a
// returning visitor keeps what other services asked, the fields this one
// does not ask are neither written nor cleared.
func (s *Store) saveVisitorFieldsTx(ctx context.Context, tx *writeTx, office string, v *Visitor, fields []string) error {
	now := s.now()
	if v.ID != "" {
		var old Visitor
		err := tx.QueryRowContext(ctx, `SELECT satker_code, id_number, phone, email FROM visitors WHERE id = ?`, v.ID).
			Scan(&old.SatkerCode, &old.IDNumber, &old.Phone, &old.Email)
		if errors.Is(err, sql.ErrNoRows) {
			return refuse("not_found", "Data pengunjung tidak ditemukan.")
		}
		if err != nil {
			return err
		}
		asked := Service{VisitorFields: fields}
		if !asked.Asks(FieldSatker) {
			v.SatkerCode = old.SatkerCode
		}
		if !asked.Asks(FieldIDNumber) {
			v.IDNumber = old.IDNumber
		}
		if !asked.Asks(FieldPhone) {
			v.Phone = old.Phone
		}
		if !asked.Asks(FieldEmail) {
			v.Email = old.Email
		}
	}
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

// MaxPurpose is the longest purpose (keperluan) a receipt keeps, in
// characters: it is printed on one or two lines of the receipt.
const MaxPurpose = 160

// ReceiptOptions are the officer's explicit choices when saving a receipt.
type ReceiptOptions struct {
	// Another makes a new receipt even though the ticket already has one
	// (a second file in the same visit). Without it, saving again for the
	// same ticket updates the visit's receipt under the same number.
	Another bool
	// SatkerConfirmed: the officer confirmed a satker code that is not in
	// the office's satker list.
	SatkerConfirmed bool
}

// CreateReceipt saves a receipt with no explicit choices: see SaveReceipt.
func (s *Store) CreateReceipt(ctx context.Context, r Receipt) (Receipt, error) {
	return s.SaveReceipt(ctx, r, ReceiptOptions{})
}

// receiptRow is what saving and the lifecycle read of a stored receipt.
type receiptRow struct {
	id, number, ticketID, serviceID string
	complete                        bool
	due                             sql.NullString
	dueNote                         string
	file                            tracking.File
}

func (s *Store) receiptRowTx(ctx context.Context, tx *writeTx, where string, args ...any) (receiptRow, error) {
	var x receiptRow
	var status string
	var statusAt, processed, completed, closed sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT id, number, ticket_id, service_id, complete, due_at, due_note, status, status_at,
		steps, processed_at, completed_at, closed_at FROM receipts WHERE `+where, args...).Scan(&x.id, &x.number, &x.ticketID,
		&x.serviceID, &x.complete, &x.due, &x.dueNote, &status, &statusAt, &x.file.Steps, &processed, &completed, &closed)
	x.file.Status = tracking.Status(status)
	x.file.StatusAt, x.file.ProcessedAt = nullTime(statusAt), nullTime(processed)
	x.file.CompletedAt, x.file.ClosedAt = nullTime(completed), nullTime(closed)
	return x, err
}

// SaveReceipt registers the visitor (new or returning) and stores the
// visit's receipt. The first save gives a number unique in the office,
// TT-<office>-<year>-<seq>; saving again for the same ticket (or with the
// receipt's ID) updates that receipt under the same number, keeping the
// promise it printed while the file stays complete, so pressing the save
// button twice never makes two receipts. opt.Another makes a second one.
// A receipt whose file has moved on (diproses ...) is no longer edited.
func (s *Store) SaveReceipt(ctx context.Context, r Receipt, opt ReceiptOptions) (Receipt, error) {
	// Only the visitor fields the service asks are kept (minimisation).
	fields := append([]string(nil), DefaultVisitorFields...)
	if r.ServiceID != "" {
		sv, err := s.Service(ctx, r.ServiceID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return r, err
		}
		if err == nil {
			fields = sv.VisitorFields
		}
	}
	if err := r.Visitor.ValidateFor(fields); err != nil {
		return r, err
	}
	r.Purpose = strings.TrimSpace(r.Purpose)
	if n := len([]rune(r.Purpose)); n > MaxPurpose {
		return r, refuse("invalid", "Keperluan terlalu panjang (%d karakter); paling banyak %d karakter.", n, MaxPurpose)
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
		var old receiptRow
		found := false
		switch {
		case r.ID != "" && !opt.Another:
			if old, err = s.receiptRowTx(ctx, tx, `id = ?`, r.ID); errors.Is(err, sql.ErrNoRows) {
				return refuse("not_found", "Tanda terima yang diubah tidak ditemukan.")
			} else if err != nil {
				return err
			}
			if r.TicketID != "" && old.ticketID != r.TicketID {
				return refuse("invalid", "Tanda terima %s milik antrean lain; buat tanda terima baru.", old.number)
			}
			found = true
		case r.TicketID != "" && !opt.Another:
			old, err = s.receiptRowTx(ctx, tx, `ticket_id = ? ORDER BY created_at DESC LIMIT 1`, r.TicketID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			found = err == nil
		}
		if found && old.file.Steps > 0 {
			return refuse("bad_state", "Berkas tanda terima %s sudah %s; perubahan tidak dapat disimpan lagi. Pilih \"Tanda terima baru\" bila ada berkas lain.",
				old.number, strings.ToLower(tracking.Label(old.file.Status)))
		}
		if r.Visitor.SatkerCode != "" {
			var name string
			err := tx.QueryRowContext(ctx, `SELECT name FROM satkers WHERE code = ?`, r.Visitor.SatkerCode).Scan(&name)
			switch {
			case err == nil:
				r.Visitor.SatkerName = name
			case !errors.Is(err, sql.ErrNoRows):
				return err
			case !opt.SatkerConfirmed:
				// An office without a satker list has nothing to check against.
				var listed int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM satkers`).Scan(&listed); err != nil {
					return err
				}
				if listed > 0 {
					return refuse("unknown_satker", "Kode satker %s tidak ada di daftar satker kantor. Periksa kembali kodenya, atau konfirmasi bahwa kode ini benar.", r.Visitor.SatkerCode)
				}
			}
		}
		if err := s.saveVisitorFieldsTx(ctx, tx, off.Code, &r.Visitor, fields); err != nil {
			return err
		}
		now := s.now()
		// The promise printed before holds while the file stays complete:
		// a reprint after a printer jam must not move the deadline.
		if found && old.complete && r.Complete && old.due.Valid {
			r.DueAt, r.DueNote = nullTime(old.due), old.dueNote
		}
		var due sql.NullString
		if !r.DueAt.IsZero() {
			due = sql.NullString{String: formatTime(r.DueAt), Valid: true}
		}
		f := tracking.Start(r.Complete, now)
		var closed sql.NullString
		if !f.ClosedAt.IsZero() {
			closed = sql.NullString{String: formatTime(f.ClosedAt), Valid: true}
		}
		if found {
			r.ID = old.id
			if _, err := tx.ExecContext(ctx, `UPDATE receipts SET visitor_id = ?, catalog_service_id = ?, purpose = ?, checklist = ?,
				complete = ?, due_at = ?, due_note = ?, officer_id = ?, status = ?, status_at = ?, closed_at = ?, updated_at = ?,
				saves = saves + 1 WHERE id = ?`,
				r.Visitor.ID, r.CatalogServiceID, r.Purpose, string(checklist), r.Complete, due, r.DueNote, r.OfficerID,
				string(f.Status), formatTime(now), closed, formatTime(now), r.ID); err != nil {
				return err
			}
			if err := appendStep(ctx, tx, r.ID, ReceiptStep{At: now, Kind: EvReceiptUpdated, Status: f.Status, OfficerID: r.OfficerID}); err != nil {
				return err
			}
			return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvReceiptUpdated, TicketID: r.TicketID,
				ServiceID: old.serviceID, OfficerID: r.OfficerID,
				Data: map[string]string{"receipt": r.ID, "number": old.number, "complete": fmt.Sprint(r.Complete), "status": string(f.Status)}})
		}
		year := now.In(off.Location()).Year()
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(seq), 0) + 1 FROM receipts WHERE office_code = ? AND year = ?`,
			off.Code, year).Scan(&seq); err != nil {
			return err
		}
		r.ID = s.newID(off.Code)
		r.Number = fmt.Sprintf("TT-%s-%d-%05d", off.Code, year, seq)
		if _, err := tx.ExecContext(ctx, `INSERT INTO receipts (id, office_code, year, seq, number, ticket_id, visitor_id,
			service_id, catalog_service_id, purpose, checklist, complete, due_at, due_note, officer_id, created_at,
			status, status_at, closed_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.ID, off.Code, year, seq, r.Number, r.TicketID, r.Visitor.ID, r.ServiceID, r.CatalogServiceID,
			r.Purpose, string(checklist), r.Complete, due, r.DueNote, r.OfficerID, formatTime(now),
			string(f.Status), formatTime(now), closed, formatTime(now)); err != nil {
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return refuse("not_found", "Layanan tidak ditemukan.")
			}
			return err
		}
		if err := appendStep(ctx, tx, r.ID, ReceiptStep{At: now, Kind: EvReceiptCreated, Status: f.Status, OfficerID: r.OfficerID}); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvReceiptCreated, TicketID: r.TicketID,
			ServiceID: r.ServiceID, OfficerID: r.OfficerID,
			Data: map[string]string{"receipt": r.Number, "complete": fmt.Sprint(r.Complete), "catalog_service": r.CatalogServiceID}})
	})
	if err != nil {
		return r, wrap("save receipt", err)
	}
	out, err := s.FindReceipt(ctx, r.ID)
	if err != nil {
		return r, err
	}
	out.Updated = out.Saves > 1
	return out, nil
}

// SetReceiptStatus moves a receipt's file one step in its life (see
// package tracking) for the officer actorID, with the event that records
// who and when. id may be the receipt's id or number.
func (s *Store) SetReceiptStatus(ctx context.Context, actorID, id string, to tracking.Status) (Receipt, error) {
	id = NormalizeReceiptNumber(id)
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		old, err := s.receiptRowTx(ctx, tx, `id = ? OR number = ?`, id, id)
		if errors.Is(err, sql.ErrNoRows) {
			return refuse("not_found", "Tanda terima %s tidak ditemukan.", id)
		}
		if err != nil {
			return err
		}
		now := s.now()
		f, err := tracking.Apply(old.file, to, now)
		if err != nil {
			return refuse("bad_state", "%s", err.Error())
		}
		if _, err := tx.ExecContext(ctx, `UPDATE receipts SET status = ?, status_at = ?, steps = ?, processed_at = ?,
			completed_at = ?, closed_at = ?, updated_at = ? WHERE id = ?`,
			string(f.Status), formatTime(f.StatusAt), f.Steps, optTime(f.ProcessedAt), optTime(f.CompletedAt),
			optTime(f.ClosedAt), formatTime(now), old.id); err != nil {
			return err
		}
		id = old.id
		if err := appendStep(ctx, tx, old.id, ReceiptStep{At: now, Kind: EvReceiptStatus, Status: f.Status, OfficerID: actorID}); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvReceiptStatus, TicketID: old.ticketID,
			ServiceID: old.serviceID, OfficerID: actorID,
			Data: map[string]string{"receipt": old.id, "number": old.number, "from": string(old.file.Status), "to": string(f.Status)}})
	})
	if err != nil {
		return Receipt{}, wrap("receipt status", err)
	}
	return s.FindReceipt(ctx, id)
}

func optTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: formatTime(t), Valid: true}
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
	r.printed_at, r.print_count, r.print_error, r.status, r.status_at, r.steps, r.processed_at, r.completed_at,
	r.closed_at, r.updated_at, r.saves, ` + visitorColumns

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
		var due, printed, statusAt, processed, completed, closed, rUpdated sql.NullString
		var updated, status string
		if err := rows.Scan(&r.ID, &r.Number, &r.TicketID, &prefix, &num, &r.ServiceID, &r.CatalogServiceID, &r.Purpose,
			&checklist, &r.Complete, &due, &r.DueNote, &r.OfficerID, &created, &printed, &r.PrintCount, &r.PrintError,
			&status, &statusAt, &r.Steps, &processed, &completed, &closed, &rUpdated, &r.Saves,
			&r.Visitor.ID, &r.Visitor.SatkerCode, &r.Visitor.SatkerName, &r.Visitor.Name, &r.Visitor.IDNumber,
			&r.Visitor.Phone, &r.Visitor.Email, &updated); err != nil {
			return nil, fmt.Errorf("store: receipts: %w", err)
		}
		if prefix != "" {
			r.TicketCode = FormatCode(prefix, num)
		}
		_ = json.Unmarshal([]byte(checklist), &r.Checklist)
		r.DueAt, r.CreatedAt, r.PrintedAt = nullTime(due), parseTime(created), nullTime(printed)
		r.Status, r.StatusAt, r.ProcessedAt = tracking.Status(status), nullTime(statusAt), nullTime(processed)
		r.CompletedAt, r.ClosedAt, r.UpdatedAt = nullTime(completed), nullTime(closed), nullTime(rUpdated)
		r.Visitor.UpdatedAt = parseTime(updated)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReceiptsBetween lists receipts created in [from, to).
func (s *Store) ReceiptsBetween(ctx context.Context, from, to time.Time) ([]Receipt, error) {
	return s.queryReceipts(ctx, `r.created_at >= ? AND r.created_at < ?`, formatTime(from), formatTime(to))
}

// NormalizeReceiptNumber reads a receipt number as typed or as a USB
// scanner types the receipt's QR: spaces and stray control characters
// dropped, letters upper-cased (a scanner on a keyboard layout with Caps
// Lock on sends "tt-kppn019-..."). Ids pass through unchanged in shape.
func NormalizeReceiptNumber(q string) string {
	q = strings.TrimSpace(q)
	q = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return -1
		}
		return r
	}, q)
	if strings.HasPrefix(strings.ToUpper(q), "TT-") {
		return strings.ToUpper(q)
	}
	return q
}

// FindReceipt finds a receipt by its number (or id, or the QR payload
// printed on it), with its history.
func (s *Store) FindReceipt(ctx context.Context, number string) (Receipt, error) {
	q := NormalizeReceiptNumber(number)
	if q == "" {
		return Receipt{}, refuse("invalid", "Tulis atau pindai nomor tanda terima.")
	}
	out, err := s.queryReceipts(ctx, `r.number = ? OR r.id = ?`, q, q)
	if err != nil {
		return Receipt{}, err
	}
	if len(out) == 0 {
		return Receipt{}, refuse("not_found", "Tanda terima %s tidak ditemukan.", shortText(q, 40))
	}
	r := out[0]
	var raw string
	if err := s.db.QueryRowContext(ctx, `SELECT history FROM receipts WHERE id = ?`, r.ID).Scan(&raw); err != nil {
		return Receipt{}, fmt.Errorf("store: receipt history: %w", err)
	}
	var steps []struct {
		At        string          `json:"at"`
		Kind      string          `json:"kind"`
		Status    tracking.Status `json:"status"`
		OfficerID string          `json:"officer"`
	}
	if err := json.Unmarshal([]byte(raw), &steps); err != nil {
		return Receipt{}, fmt.Errorf("store: receipt history: %w", err)
	}
	for _, st := range steps {
		r.History = append(r.History, ReceiptStep{At: parseTime(st.At), Kind: st.Kind, Status: st.Status, OfficerID: st.OfficerID})
	}
	return r, nil
}

// OpenReceiptsPastDue lists the files still owed (diterima, diproses)
// whose promised completion is before now, the oldest promise first.
func (s *Store) OpenReceiptsPastDue(ctx context.Context, now time.Time) ([]Receipt, error) {
	out, err := s.queryReceipts(ctx, `r.status IN ('diterima', 'diproses') AND r.due_at IS NOT NULL AND r.due_at < ?`, formatTime(now))
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DueAt.Before(out[j].DueAt) })
	return out, nil
}

// ReceiptsWithDueBetween lists the receipts received in [from, to) that
// carry a promise, for the completion figures of a period.
func (s *Store) ReceiptsWithDueBetween(ctx context.Context, from, to time.Time) ([]Receipt, error) {
	return s.queryReceipts(ctx, `r.created_at >= ? AND r.created_at < ? AND r.due_at IS NOT NULL`, formatTime(from), formatTime(to))
}
