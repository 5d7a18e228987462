package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// ProcessingItem is one personal column of the office store in the record
// of processing (UU 27/2022 ps. 31): what it holds, why, on what basis,
// how long, and how many records hold a value now.
type ProcessingItem struct {
	Table     string `json:"table"`
	Column    string `json:"column"`
	Data      string `json:"data"`      // what the column holds, in Indonesian
	Subject   string `json:"subject"`   // whose data: pengunjung, petugas
	Purpose   string `json:"purpose"`   // why Loket keeps it
	Kind      string `json:"kind"`      // retention kind (PDKinds), "" for officers' data
	Retention string `json:"retention"` // the period in words
	Filled    int    `json:"filled"`    // records holding a value
}

// personalColumn describes a column known to hold personal data.
type personalColumn struct {
	data, subject, purpose, kind string
}

// personalColumns classifies every column of the schema that holds
// personal data. TestProcessingRecordCoversSchema fails when a migration
// adds a column whose name looks personal and is not described here.
var personalColumns = map[string]personalColumn{
	"visitors.name":                   {"Nama perwakilan satker", "pengunjung", "Tanda terima dan konsultasi atas nama yang datang", PDIdentity},
	"visitors.id_number":              {"NIP/NIK", "pengunjung", "Memastikan perwakilan yang sah menyerahkan/mengambil berkas", PDIdentity},
	"visitors.phone":                  {"Nomor telepon/HP", "pengunjung", "Menghubungi tentang berkas dan janji hubungi kembali", PDContact},
	"visitors.email":                  {"Alamat email", "pengunjung", "Menghubungi tentang berkas", PDContact},
	"receipts.purpose":                {"Keperluan kunjungan", "pengunjung", "Dicetak pada tanda terima", PDReceipts},
	"receipts.checklist":              {"Catatan kelengkapan berkas", "pengunjung", "Bukti persyaratan yang diterima", PDReceipts},
	"consultations.question":          {"Pertanyaan konsultasi", "pengunjung", "Menjawab dan menindaklanjuti konsultasi", ""},
	"consultations.identification":    {"Identifikasi masalah oleh CSO", "pengunjung", "Menindaklanjuti konsultasi", PDCSONotes},
	"consultations.answer":            {"Jawaban konsultasi", "pengunjung", "Bukti layanan dan basis jawaban berikutnya", ""},
	"consultation_notes.body":         {"Catatan riwayat konsultasi", "pengunjung", "Riwayat tindak lanjut", PDCSONotes},
	"consultation_callbacks.phone":    {"Nomor telepon untuk dihubungi kembali", "pengunjung", "Janji hubungi kembali", PDContact},
	"consultation_callbacks.note":     {"Catatan janji hubungi kembali", "pengunjung", "Janji hubungi kembali", PDCSONotes},
	"consultation_callbacks.solution": {"Solusi yang disampaikan", "pengunjung", "Bukti tindak lanjut", PDCSONotes},
	"survey_answers.comment":          {"Komentar survei (tanpa nama)", "pengunjung", "Indeks Kepuasan Masyarakat", ""},
	"office_bookings.name":            {"Nama pemesan janji temu", "pengunjung", "Memanggil pemesan janji temu di loket", PDIdentity},
	"office_bookings.phone_masked":    {"Nomor telepon pemesan (tersamar)", "pengunjung", "Mengenali pemesan saat lapor hadir", PDContact},
	"officers.full_name":              {"Nama petugas", "petugas", "Akun, tanda tangan tanda terima, laporan kinerja", ""},
	"officers.nip":                    {"NIP petugas", "petugas", "Identitas petugas pada dokumen layanan", ""},
	"officers.username":               {"Nama pengguna petugas", "petugas", "Masuk aplikasi", ""},
}

// personalLooking are column names that suggest personal data.
var personalLooking = []string{"name", "nip", "nik", "id_number", "phone", "telepon", "email", "identification",
	"address", "alamat", "comment", "purpose", "question", "answer", "body", "note", "solution"}

// notPersonal are columns whose name looks personal but that hold office
// data (service and category names, the office's own address ...).
var notPersonal = map[string]bool{
	"offices.name": true, "offices.address": true, "services.name": true, "counters.name": true,
	"satkers.name": true, "cso_categories.name": true, "catalog_documents.name": true,
	"catalog_services.name": true, "holidays.name": true, "schema_migrations.name": true,
	"receipts.due_note": true, "catalog_corrections.note": true, "lineage.note": true,
	"sync_runs.note": true, "offices.phone": true, "sync_updates.name": true,
	"local_keys.name": true, // the name of a signing key ("phone_link")
}

// ProcessingRecord reads the schema of the store and returns every
// personal column Loket actually holds, with the number of records
// holding a value. A column the classification does not know but whose
// name looks personal comes back with Data "BELUM DIKLASIFIKASI", so the
// record never silently omits one.
func (s *Store) ProcessingRecord(ctx context.Context) ([]ProcessingItem, error) {
	cols, err := s.schemaColumns(ctx)
	if err != nil {
		return nil, err
	}
	ret, err := s.Retention(ctx)
	if err != nil {
		return nil, err
	}
	var out []ProcessingItem
	for _, tc := range cols {
		pc, known := personalColumns[tc]
		if !known {
			if notPersonal[tc] || !looksPersonal(tc) {
				continue
			}
			pc = personalColumn{data: "BELUM DIKLASIFIKASI", subject: "?", purpose: "?"}
		}
		t, c, _ := strings.Cut(tc, ".")
		it := ProcessingItem{Table: t, Column: c, Data: pc.data, Subject: pc.subject, Purpose: pc.purpose, Kind: pc.kind}
		switch {
		case pc.kind != "":
			it.Retention = fmt.Sprintf("%d hari (%s)", ret[pc.kind], PDKindLabel(pc.kind))
		case pc.subject == "petugas":
			it.Retention = "selama akun ada; diatur kepegawaian"
		default:
			it.Retention = "arsip layanan (tanpa identitas setelah retensi identitas)"
		}
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM "`+t+`" WHERE "`+c+`" IS NOT NULL AND "`+c+`" <> ''`).Scan(&it.Filled); err != nil {
			return nil, fmt.Errorf("store: processing record %s: %w", tc, err)
		}
		out = append(out, it)
	}
	return out, nil
}

// UnclassifiedPersonalColumns lists the schema's columns that look personal
// and are neither described in the processing record nor known to hold
// office data.
func (s *Store) UnclassifiedPersonalColumns(ctx context.Context) ([]string, error) {
	cols, err := s.schemaColumns(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, tc := range cols {
		if _, ok := personalColumns[tc]; !ok && !notPersonal[tc] && looksPersonal(tc) {
			out = append(out, tc)
		}
	}
	return out, nil
}

func looksPersonal(tc string) bool {
	_, c, _ := strings.Cut(tc, ".")
	for _, w := range personalLooking {
		if c == w || strings.HasSuffix(c, "_"+w) || strings.HasPrefix(c, w+"_") {
			return true
		}
	}
	return false
}

// schemaColumns lists "table.column" for every ordinary table.
func (s *Store) schemaColumns(ctx context.Context) ([]string, error) {
	tables, err := s.ids(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE '%_fts%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range tables {
		cols, err := s.ids(ctx, `SELECT name FROM pragma_table_info(?)`, t)
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			out = append(out, t+"."+c)
		}
	}
	sort.Strings(out)
	return out, nil
}
