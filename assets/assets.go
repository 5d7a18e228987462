// Package assets embeds the data Loket ships with: the default service
// catalog (the Standar Pelayanan seed documents), the default holiday
// calendar, fonts and the application icon.
package assets

import (
	"embed"
	"io/fs"
	"sort"
)

// calendarFS holds the default national holiday and cuti bersama calendars
// (SKB 3 Menteri), in the shape tanggal,jenis,keterangan.
//
//go:embed calendar/*.csv
var calendarFS embed.FS

//go:embed catalog/*.txt
var catalogFS embed.FS

// HolidayCalendars returns the embedded holiday CSV files keyed by file name,
// e.g. "hari-libur-2026.csv".
func HolidayCalendars() map[string][]byte {
	return readAll(calendarFS, "calendar")
}

// CatalogDocuments returns the embedded Standar Pelayanan documents keyed by
// file name, in name order via CatalogNames.
func CatalogDocuments() map[string][]byte {
	return readAll(catalogFS, "catalog")
}

// CatalogNames lists the embedded catalog documents in a stable order.
func CatalogNames() []string {
	docs := CatalogDocuments()
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func readAll(fsys embed.FS, dir string) map[string][]byte {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		panic("assets: " + err.Error()) // embedded at build time; cannot fail
	}
	out := make(map[string][]byte, len(entries))
	for _, e := range entries {
		b, err := fsys.ReadFile(dir + "/" + e.Name())
		if err != nil {
			panic("assets: " + err.Error())
		}
		out[e.Name()] = b
	}
	return out
}
