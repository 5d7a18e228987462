package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Holiday is one day the office is closed besides weekends, from the SKB
// (imported, pushed from the centre) or entered by the admin. Any stored
// row of a year means that year's SKB is known: workday then uses the rows
// alone and drops its estimated holidays for the year (see
// office.ScheduleFor). Estimates are never stored here.
type Holiday struct {
	Date string // YYYY-MM-DD
	Kind string // libur_nasional or cuti_bersama
	Name string
}

// SettingOfficeHours holds the office hours per weekday, as the text
// workday.FormatHours writes; empty means the default 08:00-17:00.
const SettingOfficeHours = "workday.hours"

// EvHolidaysChanged is written when the calendar changes.
const EvHolidaysChanged = "calendar.changed"

func init() { settingDefaults[SettingOfficeHours] = "" }

func (h *Holiday) validate() error {
	h.Name = strings.TrimSpace(h.Name)
	if _, err := time.Parse(DateLayout, h.Date); err != nil {
		return refuse("invalid", "Tanggal %q tidak valid (format YYYY-MM-DD).", h.Date)
	}
	if h.Kind != "libur_nasional" && h.Kind != "cuti_bersama" {
		return refuse("invalid", "Jenis hari libur harus libur nasional atau cuti bersama.")
	}
	if h.Name == "" {
		return refuse("invalid", "Keterangan hari libur wajib diisi.")
	}
	return nil
}

// Holidays lists the calendar in date order.
func (s *Store) Holidays(ctx context.Context) ([]Holiday, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT date, kind, name FROM holidays ORDER BY date`)
	if err != nil {
		return nil, fmt.Errorf("store: holidays: %w", err)
	}
	defer rows.Close()
	var out []Holiday
	for rows.Next() {
		var h Holiday
		if err := rows.Scan(&h.Date, &h.Kind, &h.Name); err != nil {
			return nil, fmt.Errorf("store: holidays: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// SaveHoliday adds or changes the holiday on h.Date.
func (s *Store) SaveHoliday(ctx context.Context, actorID string, h Holiday) error {
	if err := h.validate(); err != nil {
		return err
	}
	return wrap("save holiday", s.calendarTx(ctx, actorID, "save", h.Date, func(tx *writeTx, now string) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO holidays (date, kind, name, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, updated_at = excluded.updated_at`,
			h.Date, h.Kind, h.Name, now)
		return err
	}))
}

// DeleteHoliday removes the holiday on date (a working day again).
func (s *Store) DeleteHoliday(ctx context.Context, actorID, date string) error {
	return wrap("delete holiday", s.calendarTx(ctx, actorID, "delete", date, func(tx *writeTx, _ string) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE date = ?`, date)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refuse("not_found", "Tidak ada hari libur pada %s.", date)
		}
		return nil
	}))
}

// ReplaceHolidayYears imports a calendar: every year present in hs is
// replaced whole by the rows of hs (a decree is per year and may be
// amended); other years are kept. All or nothing.
func (s *Store) ReplaceHolidayYears(ctx context.Context, actorID string, hs []Holiday) error {
	years := map[string]bool{}
	for i := range hs {
		if err := hs[i].validate(); err != nil {
			return refuse("invalid", "Baris %d: %s", i+1, err.Error())
		}
		years[hs[i].Date[:4]] = true
	}
	if len(hs) == 0 {
		return refuse("invalid", "Berkas kalender tidak berisi hari libur.")
	}
	var ys []string
	for y := range years {
		ys = append(ys, y)
	}
	return wrap("import holidays", s.calendarTx(ctx, actorID, "import", strings.Join(ys, ","), func(tx *writeTx, now string) error {
		for y := range years {
			if _, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE substr(date, 1, 4) = ?`, y); err != nil {
				return err
			}
		}
		for _, h := range hs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (date, kind, name, updated_at) VALUES (?, ?, ?, ?)`,
				h.Date, h.Kind, h.Name, now); err != nil {
				if isUniqueViolation(err) {
					return refuse("duplicate", "Tanggal %s muncul dua kali dalam berkas.", h.Date)
				}
				return err
			}
		}
		return nil
	}))
}

func (s *Store) calendarTx(ctx context.Context, actorID, op, what string, fn func(tx *writeTx, now string) error) error {
	return s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		if err := fn(tx, formatTime(now)); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvHolidaysChanged, OfficerID: actorID,
			Data: map[string]string{"op": op, "what": what}})
	})
}
