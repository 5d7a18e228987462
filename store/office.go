package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Office is the office this store belongs to, with its queue policy knobs.
type Office struct {
	Code    string
	Name    string
	Address string
	Phone   string
	// Zone is the IANA time zone (Asia/Jakarta, Asia/Makassar, Asia/Jayapura).
	Zone string
	// PriorityRatio:NormalRatio is how many priority-lane tickets a counter
	// calls for each run of normal tickets while both are waiting.
	PriorityRatio int
	NormalRatio   int
	// MaxWait is how long a ticket may wait before it jumps ahead of
	// every other; zero disables the rule.
	MaxWait   time.Duration
	CreatedAt time.Time
	UpdatedAt time.Time
}

var officeCodeRE = regexp.MustCompile(`^[A-Z0-9]{2,20}$`)

var zoneCache sync.Map

// Location returns the office's time zone (Asia/Jakarta when unknown).
func (o Office) Location() *time.Location {
	return LoadZone(o.Zone)
}

// LoadZone loads an IANA zone once and caches it; unknown names fall back to
// Asia/Jakarta so a typo never stops the counter.
func LoadZone(name string) *time.Location {
	if name == "" {
		name = "Asia/Jakarta"
	}
	if l, ok := zoneCache.Load(name); ok {
		return l.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		if name == "Asia/Jakarta" {
			loc = time.FixedZone("WIB", 7*3600)
		} else {
			return LoadZone("Asia/Jakarta")
		}
	}
	zoneCache.Store(name, loc)
	return loc
}

// ZoneLabel gives the Indonesian abbreviation of the office zone.
func (o Office) ZoneLabel() string {
	switch o.Zone {
	case "Asia/Makassar":
		return "WITA"
	case "Asia/Jayapura":
		return "WIT"
	default:
		return "WIB"
	}
}

// BusinessDate is the office-local date of t, as stored.
func (o Office) BusinessDate(t time.Time) string {
	return t.In(o.Location()).Format(DateLayout)
}

// Validate checks the office fields and says what is wrong in Indonesian.
func (o *Office) Validate() error {
	o.Code = strings.ToUpper(strings.TrimSpace(o.Code))
	o.Name = strings.TrimSpace(o.Name)
	if !officeCodeRE.MatchString(o.Code) {
		return refuse("invalid", "Kode kantor harus 2 sampai 20 huruf kapital atau angka, tanpa spasi (contoh: KPPN019).")
	}
	if o.Name == "" {
		return refuse("invalid", "Nama kantor wajib diisi.")
	}
	switch o.Zone {
	case "":
		o.Zone = "Asia/Jakarta"
	case "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura":
	default:
		return refuse("invalid", "Zona waktu harus Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).")
	}
	if o.PriorityRatio <= 0 {
		o.PriorityRatio = 2
	}
	if o.NormalRatio <= 0 {
		o.NormalRatio = 1
	}
	if o.MaxWait < 0 {
		return refuse("invalid", "Batas waktu tunggu tidak boleh negatif.")
	}
	return nil
}

// Office returns the office of this store, or ErrNoOffice before first-run
// setup.
func (s *Store) Office(ctx context.Context) (Office, error) {
	if o := s.office.Load(); o != nil {
		return *o, nil
	}
	o, err := officeQ(ctx, s.db)
	if err == nil {
		s.office.Store(&o)
	}
	return o, err
}

// officeIn is Office inside a transaction.
func (s *Store) officeIn(ctx context.Context, tx *writeTx) (Office, error) {
	if o := s.office.Load(); o != nil {
		return *o, nil
	}
	return officeQ(ctx, tx)
}

type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func officeQ(ctx context.Context, q queryer) (Office, error) {
	var o Office
	var maxWait int
	var created, updated string
	err := q.QueryRowContext(ctx, `SELECT code, name, address, phone, zone, priority_ratio, normal_ratio,
		max_wait_minutes, created_at, updated_at FROM offices ORDER BY created_at LIMIT 1`).
		Scan(&o.Code, &o.Name, &o.Address, &o.Phone, &o.Zone, &o.PriorityRatio, &o.NormalRatio, &maxWait, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return o, ErrNoOffice
	}
	if err != nil {
		return o, fmt.Errorf("store: office: %w", err)
	}
	o.MaxWait = time.Duration(maxWait) * time.Minute
	o.CreatedAt, o.UpdatedAt = parseTime(created), parseTime(updated)
	return o, nil
}

// SaveOffice creates the office on first run or updates it. The code cannot
// change once records carry it.
func (s *Store) SaveOffice(ctx context.Context, actorID string, o Office) (Office, error) {
	if err := o.Validate(); err != nil {
		return o, err
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		cur, err := officeQ(ctx, tx)
		now := s.now()
		switch {
		case errors.Is(err, ErrNoOffice):
			o.CreatedAt = now
			_, err = tx.ExecContext(ctx, `INSERT INTO offices (code, name, address, phone, zone, priority_ratio,
				normal_ratio, max_wait_minutes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				o.Code, o.Name, o.Address, o.Phone, o.Zone, o.PriorityRatio, o.NormalRatio,
				int(o.MaxWait/time.Minute), formatTime(now), formatTime(now))
		case err != nil:
			return err
		default:
			if cur.Code != o.Code {
				return refuse("invalid", "Kode kantor %s tidak dapat diubah setelah data tersimpan.", cur.Code)
			}
			o.CreatedAt = cur.CreatedAt
			_, err = tx.ExecContext(ctx, `UPDATE offices SET name = ?, address = ?, phone = ?, zone = ?,
				priority_ratio = ?, normal_ratio = ?, max_wait_minutes = ?, updated_at = ? WHERE code = ?`,
				o.Name, o.Address, o.Phone, o.Zone, o.PriorityRatio, o.NormalRatio,
				int(o.MaxWait/time.Minute), formatTime(now), o.Code)
		}
		if err != nil {
			return err
		}
		o.UpdatedAt = now
		return s.appendEvent(ctx, tx, &Event{Office: o.Code, Kind: EvOfficeSetup, OfficerID: actorID,
			Data: map[string]string{"name": o.Name, "zone": o.Zone}})
	})
	if err != nil {
		return o, wrap("save office", err)
	}
	saved := o
	s.office.Store(&saved)
	return o, nil
}

// wrap adds the package prefix to engineering errors but leaves refusals
// (which carry their own Indonesian message) recognisable with errors.As.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("store: %s: %w", op, err)
}
