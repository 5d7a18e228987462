package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Officer roles.
const (
	RoleFO    = "fo"    // front office
	RoleCSO   = "cso"   // customer service officer
	RoleKasi  = "kasi"  // Kepala Seksi
	RoleAdmin = "admin" // office administrator
	RoleDPO   = "dpo"   // pejabat pelindungan data pribadi (UU 27/2022 ps. 53)
)

// RoleLabel is the Indonesian name of a role.
func RoleLabel(role string) string {
	switch role {
	case RoleFO:
		return "Front Office"
	case RoleCSO:
		return "CSO"
	case RoleKasi:
		return "Kepala Seksi"
	case RoleAdmin:
		return "Admin"
	case RoleDPO:
		return "Pejabat Pelindungan Data Pribadi"
	}
	return role
}

// Officer is a person who logs in to Loket.
type Officer struct {
	ID        string
	Office    string
	Username  string
	FullName  string
	NIP       string
	Role      string
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// BcryptCost is the bcrypt work factor; tests lower it.
var BcryptCost = bcrypt.DefaultCost

var usernameRE = regexp.MustCompile(`^[a-z0-9._-]{3,32}$`)

const officerColumns = `id, office_code, username, full_name, nip, role, active, created_at, updated_at`

func scanOfficer(sc interface{ Scan(...any) error }) (Officer, error) {
	var o Officer
	var created, updated string
	err := sc.Scan(&o.ID, &o.Office, &o.Username, &o.FullName, &o.NIP, &o.Role, &o.Active, &created, &updated)
	o.CreatedAt, o.UpdatedAt = parseTime(created), parseTime(updated)
	return o, err
}

// ValidateUsername refuses a username SaveOfficer would refuse (after
// trimming and lower-casing), so a set-up can check it before writing
// anything.
func ValidateUsername(username string) error {
	if !usernameRE.MatchString(strings.ToLower(strings.TrimSpace(username))) {
		return refuse("invalid", "Nama pengguna 3-32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.")
	}
	return nil
}

// Officers lists every officer by name.
func (s *Store) Officers(ctx context.Context) ([]Officer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+officerColumns+` FROM officers ORDER BY active DESC, full_name`)
	if err != nil {
		return nil, fmt.Errorf("store: officers: %w", err)
	}
	defer rows.Close()
	var out []Officer
	for rows.Next() {
		o, err := scanOfficer(rows)
		if err != nil {
			return nil, fmt.Errorf("store: officers: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Officer returns one officer.
func (s *Store) Officer(ctx context.Context, id string) (Officer, error) {
	o, err := scanOfficer(s.db.QueryRowContext(ctx, `SELECT `+officerColumns+` FROM officers WHERE id = ?`, id))
	return o, wrap("officer", notFound(err))
}

// SaveOfficer creates (empty ID) or updates an officer. password is required
// for a new officer; for an existing one an empty password keeps the old.
func (s *Store) SaveOfficer(ctx context.Context, actorID string, o Officer, password string) (Officer, error) {
	o.Username = strings.ToLower(strings.TrimSpace(o.Username))
	o.FullName = strings.TrimSpace(o.FullName)
	o.NIP = strings.TrimSpace(o.NIP)
	switch {
	case ValidateUsername(o.Username) != nil:
		return o, ValidateUsername(o.Username)
	case o.FullName == "":
		return o, refuse("invalid", "Nama lengkap petugas wajib diisi.")
	case o.Role != RoleFO && o.Role != RoleCSO && o.Role != RoleKasi && o.Role != RoleAdmin && o.Role != RoleDPO:
		return o, refuse("invalid", "Peran petugas harus Front Office, CSO, Kepala Seksi, Admin atau Pejabat Pelindungan Data Pribadi.")
	case o.ID == "" && password == "":
		return o, refuse("invalid", "Kata sandi wajib diisi untuk petugas baru.")
	case password != "" && len(password) < 6:
		return o, refuse("invalid", "Kata sandi minimal 6 karakter.")
	}
	var hash []byte
	if password != "" {
		var err error
		if hash, err = bcrypt.GenerateFromPassword([]byte(password), BcryptCost); err != nil {
			return o, refuse("invalid", "Kata sandi tidak dapat dipakai (maksimal 72 byte).")
		}
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		o.Office = off.Code
		now := s.now()
		var other string
		err = tx.QueryRowContext(ctx, `SELECT id FROM officers WHERE username = ? AND id <> ?`, o.Username, o.ID).Scan(&other)
		if err == nil {
			return refuse("duplicate", "Nama pengguna %s sudah dipakai.", o.Username)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if o.ID == "" {
			o.ID = s.newID(off.Code)
			o.CreatedAt = now
			_, err = tx.ExecContext(ctx, `INSERT INTO officers (id, office_code, username, full_name, nip, role,
				password_hash, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				o.ID, o.Office, o.Username, o.FullName, o.NIP, o.Role, string(hash), o.Active, formatTime(now), formatTime(now))
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE officers SET username = ?, full_name = ?, nip = ?, role = ?, active = ?,
				password_hash = CASE WHEN ? = '' THEN password_hash ELSE ? END, updated_at = ? WHERE id = ?`,
				o.Username, o.FullName, o.NIP, o.Role, o.Active, string(hash), string(hash), formatTime(now), o.ID)
		}
		if err != nil {
			return err
		}
		o.UpdatedAt = now
		data := map[string]string{"username": o.Username, "role": o.Role, "active": fmt.Sprint(o.Active)}
		if password != "" {
			data["password_changed"] = "true"
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvOfficerSaved, OfficerID: actorID,
			Data: mergeData(data, map[string]string{"officer": o.ID})})
	})
	if err != nil {
		return o, wrap("save officer", err)
	}
	return o, nil
}

func mergeData(a, b map[string]string) map[string]string {
	for k, v := range b {
		a[k] = v
	}
	return a
}
