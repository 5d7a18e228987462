package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Setting keys the office can change.
const (
	// SettingRunningText is the line that scrolls along the bottom of the
	// waiting-room display.
	SettingRunningText = "display.running_text"
	// SettingPhoneURL is the address phones on the office Wi-Fi reach the
	// hub at ("http://192.168.1.10:8080", the phone pages' plain port, or
	// the hub's https address): the kiosk prints it with the ticket's
	// phone code as the stub's QR (/t/<code>). Empty prints the
	// ticket id as before (no phone page, e.g. a single PC without hub).
	SettingPhoneURL = "web.phone_url"
)

// settingDefaults are the values before an admin changes them.
var settingDefaults = map[string]string{
	SettingRunningText: "Selamat datang. Budayakan antre. Layanan ini tidak dipungut biaya. " +
		"Laporkan pungutan liar melalui SP4N-LAPOR! (lapor.go.id).",
	SettingPhoneURL: "",
}

// settingMaxLen raises the 500-character bound of a setting that holds a
// document (the booking configuration); settingCheck validates a setting
// before it is saved, its error a sentence for the admin.
var (
	settingMaxLen = map[string]int{}
	settingCheck  = map[string]func(string) error{}
)

// EvSettingSaved is written when an admin changes a setting.
const EvSettingSaved = "setting.saved"

// Setting returns a setting's value, or its default.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	def, ok := settingDefaults[key]
	if !ok {
		return "", refuse("invalid", "Pengaturan %q tidak dikenal.", key)
	}
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return "", fmt.Errorf("store: setting %s: %w", key, err)
	}
	return v, nil
}

// SaveSetting changes a setting, with its event.
func (s *Store) SaveSetting(ctx context.Context, actorID, key, value string) error {
	if _, ok := settingDefaults[key]; !ok {
		return refuse("invalid", "Pengaturan %q tidak dikenal.", key)
	}
	value = strings.TrimSpace(value)
	limit := 500
	if n, ok := settingMaxLen[key]; ok {
		limit = n
	}
	if utf8.RuneCountInString(value) > limit {
		return refuse("invalid", "Teks terlalu panjang (maksimal %d karakter).", limit)
	}
	if check := settingCheck[key]; check != nil {
		if err := check(value); err != nil {
			return refuse("invalid", "%s", err.Error())
		}
	}
	err := s.tx(ctx, func(tx *writeTx) error {
		off, err := s.officeIn(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			key, value, formatTime(now)); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, &Event{Office: off.Code, Kind: EvSettingSaved, OfficerID: actorID,
			Data: map[string]string{"key": key, "value": value}})
	})
	return wrap("save setting", err)
}
