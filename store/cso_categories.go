package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"
)

// CSOCategories lists the categories in order (inactive ones too).
func (s *Store) CSOCategories(ctx context.Context) ([]CSOCategory, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, position, active FROM cso_categories ORDER BY position, name`)
	if err != nil {
		return nil, fmt.Errorf("store: cso categories: %w", err)
	}
	defer rows.Close()
	var out []CSOCategory
	for rows.Next() {
		var c CSOCategory
		if err := rows.Scan(&c.ID, &c.Name, &c.Position, &c.Active); err != nil {
			return nil, fmt.Errorf("store: cso categories: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCSOCategory adds (empty ID) or renames/orders/deactivates a
// category. Admins only.
func (s *Store) SaveCSOCategory(ctx context.Context, actorID string, c CSOCategory) (CSOCategory, error) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return c, refuse("invalid", "Nama kategori wajib diisi.")
	}
	if utf8.RuneCountInString(c.Name) > 60 {
		return c, refuse("invalid", "Nama kategori terlalu panjang (maksimal 60 karakter).")
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		if err := requireRole(ctx, tx, actorID, RoleAdmin); err != nil {
			return err
		}
		now := formatTime(s.now())
		if c.ID == "" {
			c.ID = s.newID(off.Code)
			c.Active = true
			if c.Position == 0 {
				if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(position), 0) + 1 FROM cso_categories`).Scan(&c.Position); err != nil {
					return err
				}
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO cso_categories (id, name, position, active, updated_at) VALUES (?, ?, ?, 1, ?)`,
				c.ID, c.Name, c.Position, now)
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE cso_categories SET name = ?, position = ?, active = ?, updated_at = ? WHERE id = ?`,
				c.Name, c.Position, c.Active, now, c.ID)
			if err == nil {
				if n, _ := res.RowsAffected(); n == 0 {
					return refuse("not_found", "Kategori tidak ditemukan.")
				}
			}
		}
		if isUniqueViolation(err) {
			return refuse("invalid", "Kategori %q sudah ada.", c.Name)
		}
		if err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvCSOCategorySaved, OfficerID: actorID,
			Data: map[string]string{"category": c.ID, "name": c.Name, "active": fmt.Sprint(c.Active)}})
	})
	if err != nil {
		return c, wrap("save cso category", err)
	}
	return c, nil
}
