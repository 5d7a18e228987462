package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Personal data duties of UU 27/2022 (Pelindungan Data Pribadi): the access
// log (who saw whose data, on which screen), a person's data for their own
// request (ps. 32), restriction and erasure (ps. 41-44), the retention job
// that pseudonymises personal fields past their period while keeping every
// count and duration the reports read, and the record of processing
// (ps. 31) read from the schema itself.

// Events of the personal data duties. Their payloads carry ids, counts and
// reasons, never the personal data.
const (
	EvPDRestricted = "pdp.restricted" // processing of a person's data restricted on request
	EvPDErased     = "pdp.erased"     // a person's data erased on request
	EvPDPurged     = "pdp.purged"     // the retention job pseudonymised fields past their period
)

// Data kinds with their own retention period.
const (
	PDIdentity = "identitas"    // visitor name and NIK/NIP
	PDContact  = "kontak"       // phone and email (visitor, call backs)
	PDCSONotes = "catatan_cso"  // CSO identification notes, history notes, call-back notes
	PDReceipts = "tanda_terima" // receipt purpose and checklist notes
)

// PDKinds lists the data kinds in the order screens and reports show them.
var PDKinds = []string{PDIdentity, PDContact, PDCSONotes, PDReceipts}

// PDKindLabel is a data kind in Indonesian.
func PDKindLabel(kind string) string {
	switch kind {
	case PDIdentity:
		return "Identitas pengunjung (nama, NIK/NIP)"
	case PDContact:
		return "Kontak (telepon, email)"
	case PDCSONotes:
		return "Catatan CSO tentang orang"
	case PDReceipts:
		return "Isi tanda terima (keperluan, catatan kelengkapan)"
	}
	return kind
}

// RetentionSettingKey is the setting that holds a kind's retention period
// in days.
func RetentionSettingKey(kind string) string { return "pdp.retensi." + kind }

// IsRetentionSetting reports whether key is one kind's retention period:
// the only settings the DPO may save.
func IsRetentionSetting(key string) bool {
	for _, k := range PDKinds {
		if key == RetentionSettingKey(k) {
			return true
		}
	}
	return false
}

// RetentionDefaults are the periods (days) before an admin changes them;
// README "Data pribadi" gives the reason for each.
var RetentionDefaults = map[string]int{
	PDIdentity: 730,  // 2 years: returning visitors and the yearly audit of the service
	PDContact:  365,  // 1 year: reaching the person about a file or a call back
	PDCSONotes: 730,  // 2 years: follow-up of complaints (SP4N-LAPOR!) and their audit
	PDReceipts: 1825, // 5 years: the receipt is proof the office received a file
}

func init() {
	for k, d := range RetentionDefaults {
		settingDefaults[RetentionSettingKey(k)] = strconv.Itoa(d)
	}
}

// Retention reads the retention period of every kind, in days. A value
// that is not a whole number of at least 30 days reads as the default: a
// typo must never purge this morning's visitors.
func (s *Store) Retention(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, k := range PDKinds {
		v, err := s.Setting(ctx, RetentionSettingKey(k))
		if err != nil {
			return nil, err
		}
		d, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || d < 30 {
			d = RetentionDefaults[k]
		}
		out[k] = d
	}
	return out, nil
}

// Subject kinds of the access log.
const (
	SubjectVisitor      = "visitor"
	SubjectConsultation = "consultation"
	SubjectReceipt      = "receipt"
)

// AccessSubject is one record whose personal data a screen showed.
type AccessSubject struct {
	Kind      string `json:"kind"`
	ID        string `json:"id"`
	VisitorID string `json:"visitor_id,omitempty"`
}

// AccessEntry is one row of the personal data access log.
type AccessEntry struct {
	ID          string    `json:"id"`
	At          time.Time `json:"at"`
	OfficerID   string    `json:"officer_id"`
	OfficerName string    `json:"officer_name"`
	SubjectKind string    `json:"subject_kind"`
	SubjectID   string    `json:"subject_id"`
	VisitorID   string    `json:"visitor_id,omitempty"`
	Screen      string    `json:"screen"`
}

// LogAccess records that officerID was shown the personal data of
// subjects on screen (the reason). Records without a person are skipped.
func (s *Store) LogAccess(ctx context.Context, officerID, screen string, subjects []AccessSubject) error {
	var keep []AccessSubject
	for _, sub := range subjects {
		if sub.ID != "" {
			keep = append(keep, sub)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	screen = accessScreen(screen)
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := formatTime(s.now())
		for _, sub := range keep {
			if _, err := tx.ExecContext(ctx, `INSERT INTO pd_access_log (id, at, officer_id, subject_kind, subject_id, visitor_id, screen)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, s.newID(off.Code), now, officerID, sub.Kind, sub.ID, sub.VisitorID, screen); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap("log access", err)
}

// accessScreen is the screen (the reason) as the access log stores it.
func accessScreen(screen string) string {
	if screen == "" {
		return "tidak disebut"
	}
	return shortText(screen, 80)
}

// LogListAccess records a list screen's view (the CSO board, today's
// receipts): each subject once per officer, screen and period starting at
// since (the office's day), however often the list reloads, so the log
// says who saw whose name that day without a row per refresh. It returns
// how many rows it wrote. Two reloads at the same instant may both write a
// subject: the log only ever over-reports.
func (s *Store) LogListAccess(ctx context.Context, officerID, screen string, subjects []AccessSubject, since time.Time) (int, error) {
	screen = accessScreen(screen) // as LogAccess stores it, so the rows match
	seen := map[[2]string]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT subject_kind, subject_id FROM pd_access_log
		WHERE at >= ? AND officer_id = ? AND screen = ?`, formatTime(since), officerID, screen)
	if err != nil {
		return 0, fmt.Errorf("store: log list access: %w", err)
	}
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: log list access: %w", err)
		}
		seen[k] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store: log list access: %w", err)
	}
	var missing []AccessSubject
	for _, sub := range subjects {
		k := [2]string{sub.Kind, sub.ID}
		if sub.ID != "" && !seen[k] {
			seen[k] = true
			missing = append(missing, sub)
		}
	}
	if len(missing) == 0 {
		return 0, nil
	}
	return len(missing), s.LogAccess(ctx, officerID, screen, missing)
}

// AccessLog lists the views of a person's data (their visitor record and
// everything linked to it), oldest first. An empty visitorID lists all.
func (s *Store) AccessLog(ctx context.Context, visitorID string) ([]AccessEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.at, a.officer_id, COALESCE(o.full_name, ''), a.subject_kind,
		a.subject_id, a.visitor_id, a.screen FROM pd_access_log a LEFT JOIN officers o ON o.id = a.officer_id
		WHERE ? = '' OR a.visitor_id = ? ORDER BY a.at, a.rowid`, visitorID, visitorID)
	if err != nil {
		return nil, fmt.Errorf("store: access log: %w", err)
	}
	defer rows.Close()
	var out []AccessEntry
	for rows.Next() {
		var e AccessEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.OfficerID, &e.OfficerName, &e.SubjectKind, &e.SubjectID, &e.VisitorID, &e.Screen); err != nil {
			return nil, fmt.Errorf("store: access log: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// PersonQuery finds a data subject by any of NIK/NIP, phone or email.
type PersonQuery struct {
	IDNumber string `json:"id_number,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Email    string `json:"email,omitempty"`
}

// Empty reports whether nothing was given to search by.
func (q PersonQuery) Empty() bool {
	return strings.TrimSpace(q.IDNumber) == "" && strings.TrimSpace(q.Phone) == "" && strings.TrimSpace(q.Email) == ""
}

// PersonStatus is a visitor record's processing state.
type PersonStatus struct {
	RestrictedAt time.Time `json:"restricted_at,omitempty"`
	ErasedAt     time.Time `json:"erased_at,omitempty"`
}

// PersonData is everything the office store holds about one person: the
// visitor record, their receipts, their consultations with history and
// call backs, the events that name them, and who viewed their data.
type PersonData struct {
	Visitor       Visitor        `json:"visitor"`
	CreatedAt     time.Time      `json:"created_at"`
	Status        PersonStatus   `json:"status"`
	Receipts      []Receipt      `json:"receipts"`
	Consultations []Consultation `json:"consultations"`
	Events        []Event        `json:"events"`
	AccessLog     []AccessEntry  `json:"access_log"`
}

// FindPersons lists the visitor records matching q (any field), restricted
// and erased ones included: the subject's request covers them too.
func (s *Store) FindPersons(ctx context.Context, q PersonQuery) ([]Visitor, error) {
	if q.Empty() {
		return nil, refuse("invalid", "Isi NIK/NIP, nomor telepon atau email untuk mencari data seseorang.")
	}
	idn := strings.ReplaceAll(strings.TrimSpace(q.IDNumber), " ", "")
	phone := NormalizePhone(q.Phone)
	email := strings.ToLower(strings.TrimSpace(q.Email))
	rows, err := s.db.QueryContext(ctx, `SELECT `+visitorColumns+` FROM visitors v LEFT JOIN satkers s ON s.code = v.satker_code
		WHERE (? <> '' AND v.id_number = ?) OR (? <> '' AND v.phone = ?) OR (? <> '' AND lower(v.email) = ?)
		ORDER BY v.updated_at DESC`, idn, idn, phone, phone, email, email)
	if err != nil {
		return nil, fmt.Errorf("store: find persons: %w", err)
	}
	defer rows.Close()
	var out []Visitor
	for rows.Next() {
		v, err := scanVisitor(rows)
		if err != nil {
			return nil, fmt.Errorf("store: find persons: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// PersonData collects everything held about the visitor.
func (s *Store) PersonData(ctx context.Context, visitorID string) (PersonData, error) {
	var p PersonData
	var created string
	var restricted, erased sql.NullString
	row := s.db.QueryRowContext(ctx, `SELECT `+visitorColumns+`, v.created_at, v.restricted_at, v.erased_at
		FROM visitors v LEFT JOIN satkers s ON s.code = v.satker_code WHERE v.id = ?`, visitorID)
	var updated string
	err := row.Scan(&p.Visitor.ID, &p.Visitor.SatkerCode, &p.Visitor.SatkerName, &p.Visitor.Name, &p.Visitor.IDNumber,
		&p.Visitor.Phone, &p.Visitor.Email, &updated, &created, &restricted, &erased)
	if err != nil {
		return p, wrap("person data", notFound(err))
	}
	p.Visitor.UpdatedAt, p.CreatedAt = parseTime(updated), parseTime(created)
	p.Status = PersonStatus{RestrictedAt: nullTime(restricted), ErasedAt: nullTime(erased)}
	if p.Receipts, err = s.queryReceipts(ctx, `r.visitor_id = ?`, visitorID); err != nil {
		return p, err
	}
	ids, err := s.ids(ctx, `SELECT id FROM consultations WHERE visitor_id = ? ORDER BY opened_at`, visitorID)
	if err != nil {
		return p, err
	}
	for _, id := range ids {
		c, err := s.Consultation(ctx, id)
		if err != nil {
			return p, err
		}
		p.Consultations = append(p.Consultations, c)
	}
	// The events that name the person or one of their records.
	refs := []any{visitorID}
	for _, r := range p.Receipts {
		refs = append(refs, r.ID, r.Number) // receipt.created names the receipt by its number
	}
	for _, c := range p.Consultations {
		refs = append(refs, c.ID, c.Number)
	}
	evs, err := s.eventsNaming(ctx, refs)
	if err != nil {
		return p, err
	}
	p.Events = evs
	p.AccessLog, err = s.AccessLog(ctx, visitorID)
	return p, err
}

func (s *Store) ids(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: ids: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// eventsNaming lists the events whose payload names one of refs (the
// visitor, receipt and consultation events carry the record id in data).
func (s *Store) eventsNaming(ctx context.Context, refs []any) ([]Event, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?,", len(refs)), ",")
	rows, err := s.db.QueryContext(ctx, `SELECT e.seq, e.id, e.office_code, e.at, e.kind, COALESCE(e.ticket_id, ''),
		COALESCE(e.service_id, ''), COALESCE(e.counter_id, ''), COALESCE(e.officer_id, ''), e.data
		FROM events e WHERE EXISTS (SELECT 1 FROM json_each(e.data) j WHERE j.value IN (`+ph+`)) ORDER BY e.seq`, refs...)
	if err != nil {
		return nil, fmt.Errorf("store: events naming: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var at, data string
		if err := rows.Scan(&e.Seq, &e.ID, &e.Office, &at, &e.Kind, &e.TicketID, &e.ServiceID, &e.CounterID, &e.OfficerID, &data); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		_ = json.Unmarshal([]byte(data), &e.Data)
		out = append(out, e)
	}
	return out, rows.Err()
}

// RestrictPerson stops the processing of a person's data on their request
// (ps. 41): the look-ups no longer offer the record; nothing is deleted.
func (s *Store) RestrictPerson(ctx context.Context, actorID, visitorID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return refuse("invalid", "Tuliskan alasan pembatasan (misalnya nomor surat permohonan).")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE visitors SET restricted_at = COALESCE(restricted_at, ?) WHERE id = ?`,
			formatTime(s.now()), visitorID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvPDRestricted, OfficerID: actorID,
			Data: map[string]string{"visitor": visitorID, "reason": shortText(reason, 300)}})
	})
	return wrap("restrict person", err)
}

// ErasedName is what an erased or pseudonymised visitor is called: the
// record stays (receipts and consultations point at it, the reports count
// it) but names nobody.
const ErasedName = "(dihapus)"

// erasedNote replaces a note about a person once it is erased.
const erasedNote = "(dihapus sesuai pelindungan data pribadi)"

// ErasePerson erases a person's data on request (ps. 43): identity and
// contact, the CSO's notes about them and the receipts' free text. Record
// numbers, dates, statuses, services and counts stay, so the reports do
// not change; the reason is kept in the event.
func (s *Store) ErasePerson(ctx context.Context, actorID, visitorID, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return refuse("invalid", "Tuliskan alasan penghapusan (misalnya nomor surat permohonan).")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := formatTime(s.now())
		res, err := tx.ExecContext(ctx, `UPDATE visitors SET name = ?, id_number = '', phone = '', email = '',
			erased_at = COALESCE(erased_at, ?), restricted_at = COALESCE(restricted_at, ?) WHERE id = ?`, ErasedName, now, now, visitorID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		where := `visitor_id = ?`
		if err := s.purgeConsultationsTx(ctx, tx, where, now, visitorID); err != nil {
			return err
		}
		if err := s.purgeReceiptsTx(ctx, tx, where, now, visitorID); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvPDErased, OfficerID: actorID,
			Data: map[string]string{"visitor": visitorID, "reason": shortText(reason, 300)}})
	})
	return wrap("erase person", err)
}

// purgeConsultationsTx blanks the notes about people of the consultations
// matching where: identification, history note bodies, call-back phone,
// note and solution, and the identification in the answer look-up. The
// question and answer stay (the office's record of the service given).
func (s *Store) purgeConsultationsTx(ctx context.Context, tx *writeTx, where, now string, args ...any) error {
	sel := `SELECT id FROM consultations WHERE ` + where
	stmts := []string{
		`UPDATE consultation_notes SET body = '` + erasedNote + `' WHERE body <> '' AND consultation_id IN (` + sel + `)`,
		`UPDATE consultation_callbacks SET phone = '', note = '', solution = '' WHERE consultation_id IN (` + sel + `)`,
		`UPDATE consultation_fts SET identification = '' WHERE identification <> '' AND consultation_id IN (` + sel + `)`,
		`UPDATE consultations SET identification = '', purged_at = COALESCE(purged_at, '` + now + `') WHERE ` + where,
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("purge consultations: %w", err)
		}
	}
	return nil
}

// purgeReceiptsTx blanks the purpose and the checklist notes of the
// receipts matching where (the items and their ticks stay).
func (s *Store) purgeReceiptsTx(ctx context.Context, tx *writeTx, where, now string, args ...any) error {
	if _, err := tx.ExecContext(ctx, `UPDATE receipts SET purpose = '',
		checklist = (SELECT COALESCE(json_group_array(json_remove(value, '$.note')), '[]') FROM json_each(receipts.checklist)),
		purged_at = COALESCE(purged_at, ?) WHERE `+where, append([]any{now}, args...)...); err != nil {
		return fmt.Errorf("purge receipts: %w", err)
	}
	return nil
}

// PurgeCount is what the retention job did (or would do) for one kind.
type PurgeCount struct {
	Kind   string    `json:"kind"`
	Label  string    `json:"label"`
	Days   int       `json:"days"`
	Before time.Time `json:"before"` // records last touched before this instant
	Rows   int       `json:"rows"`
}

// PurgeResult is one run of the retention job.
type PurgeResult struct {
	At     time.Time    `json:"at"`
	DryRun bool         `json:"dry_run"`
	Kinds  []PurgeCount `json:"kinds"`
}

// Total is the number of records touched.
func (r PurgeResult) Total() int {
	n := 0
	for _, k := range r.Kinds {
		n += k.Rows
	}
	return n
}

// purgeRule is the retention rule of one kind: which records are past
// their period (last touched before the cutoff, and finished) and what
// pseudonymising them changes.
type purgeRule struct {
	count string
	apply func(ctx context.Context, tx *writeTx, now string, args []any) error
}

func (s *Store) purgeRules() map[string]purgeRule {
	visitorWhere := `updated_at < ? AND NOT EXISTS (SELECT 1 FROM consultations c WHERE c.visitor_id = visitors.id
		AND c.status NOT IN ('resolved', 'ditutup'))`
	csoWhere := `COALESCE(closed_at, resolved_at) < ? AND status IN ('resolved', 'ditutup') AND purged_at IS NULL`
	rcWhere := `created_at < ? AND purged_at IS NULL AND (status IN ('diambil', 'diserahkan', 'dikembalikan') OR created_at < ?)`
	return map[string]purgeRule{
		// A booking's name and masked phone go with the visitors' of the
		// same kind, counted from the end of its slot.
		PDIdentity: {
			count: `SELECT (SELECT count(*) FROM visitors WHERE (name <> '` + ErasedName + `' OR id_number <> '') AND ` + visitorWhere +
				`) + (SELECT count(*) FROM office_bookings WHERE name <> '' AND slot_end < ?1)`,
			apply: func(ctx context.Context, tx *writeTx, now string, args []any) error {
				if _, err := tx.ExecContext(ctx, `UPDATE office_bookings SET name = '' WHERE name <> '' AND slot_end < ?`, args...); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx, `UPDATE visitors SET name = '`+ErasedName+`', id_number = ''
					WHERE (name <> '`+ErasedName+`' OR id_number <> '') AND `+visitorWhere, args...)
				return err
			},
		},
		PDContact: {
			count: `SELECT (SELECT count(*) FROM visitors WHERE (phone <> '' OR email <> '') AND ` + visitorWhere +
				`) + (SELECT count(*) FROM office_bookings WHERE phone_masked <> '' AND slot_end < ?1)`,
			apply: func(ctx context.Context, tx *writeTx, now string, args []any) error {
				if _, err := tx.ExecContext(ctx, `UPDATE office_bookings SET phone_masked = '' WHERE phone_masked <> '' AND slot_end < ?`,
					args...); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE visitors SET phone = '', email = ''
					WHERE (phone <> '' OR email <> '') AND `+visitorWhere, args...); err != nil {
					return err
				}
				_, err := tx.ExecContext(ctx, `UPDATE consultation_callbacks SET phone = '' WHERE phone <> ''
					AND COALESCE(done_at, due_at) < ?`, args...)
				return err
			},
		},
		PDCSONotes: {
			count: `SELECT count(*) FROM consultations WHERE ` + csoWhere,
			apply: func(ctx context.Context, tx *writeTx, now string, args []any) error {
				return s.purgeConsultationsTx(ctx, tx, csoWhere, now, args...)
			},
		},
		PDReceipts: {
			count: `SELECT count(*) FROM receipts WHERE ` + rcWhere,
			apply: func(ctx context.Context, tx *writeTx, now string, args []any) error {
				return s.purgeReceiptsTx(ctx, tx, rcWhere, now, args...)
			},
		},
	}
}

// PurgeRetention runs the retention job: for each kind, the personal
// fields of records past the kind's period are pseudonymised, one event
// per kind with the count. Rows stay, with their ids, dates, statuses,
// services, counters and officers, so every count and duration of the
// reports is unchanged. dryRun only counts.
func (s *Store) PurgeRetention(ctx context.Context, actorID string, dryRun bool) (PurgeResult, error) {
	ret, err := s.Retention(ctx)
	if err != nil {
		return PurgeResult{}, err
	}
	now := s.now()
	res := PurgeResult{At: now, DryRun: dryRun}
	rules := s.purgeRules()
	err = s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		res.Kinds = res.Kinds[:0]
		for _, k := range PDKinds {
			days := ret[k]
			cutoff := now.AddDate(0, 0, -days)
			c := formatTime(cutoff)
			r := rules[k]
			args := []any{c}
			if k == PDReceipts {
				// An open file is kept twice its period before its text goes.
				args = append(args, formatTime(cutoff.AddDate(0, 0, -days)))
			}
			var n int
			if err := tx.QueryRowContext(ctx, r.count, args...).Scan(&n); err != nil {
				return fmt.Errorf("count %s: %w", k, err)
			}
			res.Kinds = append(res.Kinds, PurgeCount{Kind: k, Label: PDKindLabel(k), Days: days, Before: cutoff, Rows: n})
			if dryRun || n == 0 {
				continue
			}
			if err := r.apply(ctx, tx, formatTime(now), args); err != nil {
				return fmt.Errorf("purge %s: %w", k, err)
			}
			if err := s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvPDPurged, OfficerID: actorID,
				Data: map[string]string{"kind": k, "rows": strconv.Itoa(n), "days": strconv.Itoa(days), "before": c}}); err != nil {
				return err
			}
		}
		return nil
	})
	return res, wrap("purge retention", err)
}
