package workday

import (
	"fmt"
	"strings"
	"time"
)

// Indonesian time zones as IANA names. Offices store these beside their
// UTC timestamps; the WIB/WITA/WIT labels are for people only, because a
// label alone does not name a zone database entry.
const (
	ZoneJakarta  = "Asia/Jakarta"  // WIB, UTC+7
	ZoneMakassar = "Asia/Makassar" // WITA, UTC+8
	ZoneJayapura = "Asia/Jayapura" // WIT, UTC+9
)

// indonesianZones maps every IANA zone used in Indonesia to its label and
// its fixed offset. Asia/Pontianak is WIB as well and appears in the zone
// database, so an office in West Kalimantan may well have it configured.
var indonesianZones = map[string]struct {
	label  string
	offset int
}{
	"Asia/Jakarta":   {"WIB", 7 * 3600},
	"Asia/Pontianak": {"WIB", 7 * 3600},
	"Asia/Makassar":  {"WITA", 8 * 3600},
	"Asia/Jayapura":  {"WIT", 9 * 3600},
}

// labelZones maps the labels people type to the canonical IANA name.
var labelZones = map[string]string{"WIB": ZoneJakarta, "WITA": ZoneMakassar, "WIT": ZoneJayapura}

// loadLocation is time.LoadLocation, a variable only so the tests can
// simulate a PC without a zone database.
var loadLocation = time.LoadLocation

// ZoneLabel returns WIB, WITA or WIT for an Indonesian IANA zone name, and
// false for any other zone, so callers can fall back to the IANA name.
func ZoneLabel(name string) (string, bool) {
	z, ok := indonesianZones[name]
	return z.label, ok
}

// LoadZone resolves an IANA zone name, or one of the labels WIB, WITA and
// WIT, to a location. If the system has no zone database (common on
// Windows desktops without Go installed) the Indonesian zones fall back to
// their fixed offsets, which is exact: none has had daylight saving or an
// offset change since 1988. "" and "Local" are refused because the
// business date must not depend on the PC's settings.
func LoadZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if iana, ok := labelZones[strings.ToUpper(name)]; ok {
		name = iana
	}
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("zona waktu wajib diisi dengan nama IANA, misalnya %s (WIB), %s (WITA) atau %s (WIT)", ZoneJakarta, ZoneMakassar, ZoneJayapura)
	}
	loc, err := loadLocation(name)
	if err == nil {
		return loc, nil
	}
	if z, ok := indonesianZones[name]; ok {
		return time.FixedZone(name, z.offset), nil
	}
	return nil, fmt.Errorf("zona waktu %q tidak dikenal; gunakan nama IANA seperti %s, %s atau %s", name, ZoneJakarta, ZoneMakassar, ZoneJayapura)
}
