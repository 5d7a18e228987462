package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Service is a queue service (layanan) with its ticket prefix letter.
type Service struct {
	ID     string
	Office string
	// Prefix is the ticket letter(s), e.g. "A" gives A001.
	Prefix string
	Name   string
	// DailyCap is the most tickets issued a day; 0 means no cap.
	DailyCap int
	Active   bool
	// CatalogRef links the service to its Standar Pelayanan entry.
	CatalogRef string
	SortOrder  int
	// VisitorFields are the visitor fields its registration asks
	// (FieldName, FieldSatker, ...); empty means DefaultVisitorFields.
	VisitorFields []string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

var prefixRE = regexp.MustCompile(`^[A-Z]{1,3}$`)

func (sv *Service) validate() error {
	sv.Prefix = strings.ToUpper(strings.TrimSpace(sv.Prefix))
	sv.Name = strings.TrimSpace(sv.Name)
	if sv.Prefix == "" {
		return refuse("invalid", "Huruf awalan nomor antrean wajib diisi (contoh: A).")
	}
	if !prefixRE.MatchString(sv.Prefix) {
		return refuse("invalid", "Awalan nomor antrean harus 1 sampai 3 huruf A-Z, tanpa angka atau spasi.")
	}
	if sv.Name == "" {
		return refuse("invalid", "Nama layanan wajib diisi.")
	}
	if sv.DailyCap < 0 {
		return refuse("invalid", "Kuota harian tidak boleh negatif (isi 0 untuk tanpa batas).")
	}
	fields, err := normalizeVisitorFields(sv.VisitorFields)
	if err != nil {
		return err
	}
	sv.VisitorFields = fields
	return nil
}

const serviceColumns = `id, office_code, prefix, name, daily_cap, active, catalog_ref, sort_order, created_at, updated_at, visitor_fields`

func scanService(sc interface{ Scan(...any) error }) (Service, error) {
	var sv Service
	var created, updated, fields string
	err := sc.Scan(&sv.ID, &sv.Office, &sv.Prefix, &sv.Name, &sv.DailyCap, &sv.Active, &sv.CatalogRef,
		&sv.SortOrder, &created, &updated, &fields)
	sv.CreatedAt, sv.UpdatedAt = parseTime(created), parseTime(updated)
	sv.VisitorFields = parseVisitorFields(fields)
	return sv, err
}

// Services lists every service, active first, in display order.
func (s *Store) Services(ctx context.Context) ([]Service, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+serviceColumns+` FROM services
		ORDER BY active DESC, sort_order, prefix`)
	if err != nil {
		return nil, fmt.Errorf("store: services: %w", err)
	}
	defer rows.Close()
	var out []Service
	for rows.Next() {
		sv, err := scanService(rows)
		if err != nil {
			return nil, fmt.Errorf("store: services: %w", err)
		}
		out = append(out, sv)
	}
	return out, rows.Err()
}

// Service returns one service by id.
func (s *Store) Service(ctx context.Context, id string) (Service, error) {
	sv, err := scanService(s.db.QueryRowContext(ctx, `SELECT `+serviceColumns+` FROM services WHERE id = ?`, id))
	if err != nil {
		return sv, wrap("service", notFound(err))
	}
	return sv, nil
}

// SaveService creates (empty ID) or updates a service, with its event.
func (s *Store) SaveService(ctx context.Context, actorID string, sv Service) (Service, error) {
	if err := sv.validate(); err != nil {
		return sv, err
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		sv.Office = off.Code
		now := s.now()
		var dup string
		err = tx.QueryRowContext(ctx, `SELECT name FROM services WHERE prefix = ? AND id <> ?`, sv.Prefix, sv.ID).Scan(&dup)
		if err == nil {
			return refuse("duplicate", "Awalan %s sudah dipakai layanan \"%s\". Pilih huruf lain.", sv.Prefix, dup)
		}
		if err != sql.ErrNoRows {
			return err
		}
		if sv.ID == "" {
			sv.ID = s.newID(off.Code)
			sv.CreatedAt = now
			_, err = tx.ExecContext(ctx, `INSERT INTO services (`+serviceColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				sv.ID, sv.Office, sv.Prefix, sv.Name, sv.DailyCap, sv.Active, sv.CatalogRef, sv.SortOrder,
				formatTime(now), formatTime(now), strings.Join(sv.VisitorFields, ","))
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE services SET prefix = ?, name = ?, daily_cap = ?, active = ?,
				catalog_ref = ?, sort_order = ?, updated_at = ?, visitor_fields = ? WHERE id = ?`,
				sv.Prefix, sv.Name, sv.DailyCap, sv.Active, sv.CatalogRef, sv.SortOrder, formatTime(now),
				strings.Join(sv.VisitorFields, ","), sv.ID)
			if err == nil {
				if n, _ := res.RowsAffected(); n == 0 {
					return ErrNotFound
				}
			}
		}
		if err != nil {
			return err
		}
		sv.UpdatedAt = now
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvServiceSaved, ServiceID: sv.ID, OfficerID: actorID,
			Data: map[string]string{"prefix": sv.Prefix, "name": sv.Name, "active": fmt.Sprint(sv.Active),
				"daily_cap": fmt.Sprint(sv.DailyCap), "visitor_fields": strings.Join(sv.VisitorFields, ",")}})
	})
	if err != nil {
		return sv, wrap("save service", err)
	}
	return sv, nil
}
