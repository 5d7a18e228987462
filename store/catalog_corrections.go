package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CatalogCorrection is the office's own correction of one catalog service,
// kept beside the parsed versions (which are never edited) and keyed by the
// catalog key, so it applies to whichever version of its document is
// current. Data is the correction itself (JSON of office.CatalogCorrection);
// the store keeps it opaque.
type CatalogCorrection struct {
	ID     string
	Key    string
	Source string
	Unit   string
	// Manual marks a service added by hand (the document had none
	// readable under that name).
	Manual bool
	Data   string
	// Fields names what is corrected (comma-separated), for the event:
	// the row keeps the data, the event says what changed in words.
	Fields    string
	CreatedAt time.Time
	CreatedBy string
	UpdatedAt time.Time
	UpdatedBy string
}

// Catalog correction events: every save and every drop is one row with the
// officer and the time.
const (
	EvCatalogCorrected         = "catalog.corrected"
	EvCatalogCorrectionDropped = "catalog.correction_dropped"
)

// CatalogReviewWrite is what an admin decided while reviewing an import:
// corrections to save (new or changed) and keys whose correction is dropped.
type CatalogReviewWrite struct {
	Save []CatalogCorrection
	Drop []string
}

const correctionColumns = `id, key, source, unit, manual, data, created_at, created_by, updated_at, updated_by`

func scanCorrection(sc interface{ Scan(...any) error }) (CatalogCorrection, error) {
	var c CatalogCorrection
	var created, updated string
	err := sc.Scan(&c.ID, &c.Key, &c.Source, &c.Unit, &c.Manual, &c.Data, &created, &c.CreatedBy, &updated, &c.UpdatedBy)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	return c, err
}

// CatalogCorrections lists the corrections in force, by source and key.
func (s *Store) CatalogCorrections(ctx context.Context) ([]CatalogCorrection, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+correctionColumns+` FROM catalog_corrections
		WHERE dropped_at IS NULL ORDER BY source, key`)
	if err != nil {
		return nil, fmt.Errorf("store: catalog corrections: %w", err)
	}
	defer rows.Close()
	var out []CatalogCorrection
	for rows.Next() {
		c, err := scanCorrection(rows)
		if err != nil {
			return nil, fmt.Errorf("store: catalog corrections: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CatalogCorrection returns the correction in force for key, or ErrNotFound.
func (s *Store) CatalogCorrection(ctx context.Context, key string) (CatalogCorrection, error) {
	c, err := scanCorrection(s.db.QueryRowContext(ctx, `SELECT `+correctionColumns+` FROM catalog_corrections
		WHERE key = ? AND dropped_at IS NULL`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return CatalogCorrection{}, ErrNotFound
	}
	if err != nil {
		return CatalogCorrection{}, fmt.Errorf("store: catalog correction: %w", err)
	}
	return c, nil
}

// SaveCatalogCorrection stores (or replaces) the correction for c.Key.
func (s *Store) SaveCatalogCorrection(ctx context.Context, actorID string, c CatalogCorrection) (CatalogCorrection, error) {
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		c, err = s.saveCorrection(ctx, tx, off.Code, actorID, c, "")
		return err
	})
	return c, wrap("save catalog correction", err)
}

// DropCatalogCorrection takes the correction for key out of force; the
// parsed document applies again. ErrNotFound when none is in force.
func (s *Store) DropCatalogCorrection(ctx context.Context, actorID, key string) error {
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		return s.dropCorrection(ctx, tx, off.Code, actorID, key, "")
	})
	return wrap("drop catalog correction", err)
}

func (s *Store) saveCorrection(ctx context.Context, tx *writeTx, officeCode, actorID string, c CatalogCorrection, document string) (CatalogCorrection, error) {
	if c.Key == "" {
		return c, &Error{Code: "invalid", Message: "Koreksi katalog tidak menyebut layanannya."}
	}
	now := s.now()
	var id, created, createdBy string
	err := tx.QueryRowContext(ctx, `SELECT id, created_at, created_by FROM catalog_corrections WHERE key = ?`, c.Key).
		Scan(&id, &created, &createdBy)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		c.ID, c.CreatedAt, c.CreatedBy = s.newID(officeCode), now, actorID
		if _, err := tx.ExecContext(ctx, `INSERT INTO catalog_corrections (`+correctionColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.Key, c.Source, c.Unit, c.Manual, c.Data,
			formatTime(now), actorID, formatTime(now), actorID); err != nil {
			return c, err
		}
	case err != nil:
		return c, err
	default:
		c.ID, c.CreatedAt, c.CreatedBy = id, parseTime(created), createdBy
		if _, err := tx.ExecContext(ctx, `UPDATE catalog_corrections SET source = ?, unit = ?, manual = ?, data = ?,
			updated_at = ?, updated_by = ?, dropped_at = NULL WHERE id = ?`, c.Source, c.Unit, c.Manual, c.Data,
			formatTime(now), actorID, id); err != nil {
			return c, err
		}
	}
	c.UpdatedAt, c.UpdatedBy = now, actorID
	data := map[string]string{"correction": c.ID, "key": c.Key, "source": c.Source, "manual": fmt.Sprint(c.Manual), "fields": c.Fields}
	if document != "" {
		data["document"] = document
	}
	return c, s.appendEvent(ctx, tx, &Event{Office: officeCode, Kind: EvCatalogCorrected, OfficerID: actorID, Data: data})
}

func (s *Store) dropCorrection(ctx context.Context, tx *writeTx, officeCode, actorID, key, document string) error {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM catalog_corrections WHERE key = ? AND dropped_at IS NULL`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	now := s.now()
	if _, err := tx.ExecContext(ctx, `UPDATE catalog_corrections SET dropped_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
		formatTime(now), formatTime(now), actorID, id); err != nil {
		return err
	}
	// The row stays, with what was dropped, marked by dropped_at.
	ev := map[string]string{"correction": id, "key": key}
	if document != "" {
		ev["document"] = document
	}
	return s.appendEvent(ctx, tx, &Event{Office: officeCode, Kind: EvCatalogCorrectionDropped, OfficerID: actorID, Data: ev})
}
