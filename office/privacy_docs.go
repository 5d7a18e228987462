package office

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"loket/reports"
	"loket/store"
	"loket/workday"
)

// The documents of the personal data duties: a person's data export (PDF
// and JSON), the record of processing and the breach notice letter. They
// are built here from the store's records and drawn by package reports.

// officeInfo is the letterhead of the office.
func officeInfo(off store.Office) reports.OfficeInfo {
	zl, _ := workday.ZoneLabel(off.Zone)
	return reports.OfficeInfo{Code: off.Code, Name: off.Name, Address: off.Address, ZoneLabel: zl,
		Hierarchy: []string{"Kementerian Keuangan Republik Indonesia"}}
}

func dt(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(loc).Format("02/01/2006 15.04")
}

// PersonalDataExport is the subject's copy of their data (ps. 32): every
// person found, as indented JSON.
func PersonalDataExport(people []store.PersonData) ([]byte, error) {
	b, err := json.MarshalIndent(struct {
		Note    string             `json:"keterangan"`
		Persons []store.PersonData `json:"data"`
	}{"Seluruh data pribadi yang disimpan Loket di kantor ini tentang pemohon, dengan catatan siapa yang melihatnya.", people}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("office: personal data export: %w", err)
	}
	return append(b, '\n'), nil
}

// PersonalDataDocument is the subject's copy of their data as a document:
// identity, receipts, consultations with their history and call backs,
// the events naming them and the access log.
func PersonalDataDocument(off store.Office, people []store.PersonData, officers []store.Officer, at time.Time) reports.Document {
	loc := off.Location()
	names := map[string]string{}
	for _, o := range officers {
		names[o.ID] = o.FullName
	}
	who := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		if id == "" {
			return "(sistem)"
		}
		return id
	}
	d := reports.Document{Office: officeInfo(off), Title: "Data Pribadi Pemohon", Generated: at.In(loc),
		Subtitle: "Salinan data dan riwayat pemrosesannya (UU 27/2022 Pasal 32)",
		Notice:   "Dokumen ini memuat data pribadi. Serahkan hanya kepada pemohon yang identitasnya telah diperiksa."}
	for i, p := range people {
		v := p.Visitor
		status := "diproses"
		switch {
		case !p.Status.ErasedAt.IsZero():
			status = "dihapus " + dt(p.Status.ErasedAt, loc)
		case !p.Status.RestrictedAt.IsZero():
			status = "dibatasi sejak " + dt(p.Status.RestrictedAt, loc)
		}
		prefix := ""
		if len(people) > 1 {
			prefix = fmt.Sprintf("Orang %d: ", i+1)
		}
		d.Sections = append(d.Sections, reports.Section{Heading: prefix + "Identitas", Fields: [][2]string{
			{"Nama", v.Name}, {"NIP/NIK", v.IDNumber}, {"Telepon", v.Phone}, {"Email", v.Email},
			{"Satker", strings.TrimSpace(v.SatkerCode + " " + v.SatkerName)},
			{"Pertama dicatat", dt(p.CreatedAt, loc)}, {"Terakhir diubah", dt(v.UpdatedAt, loc)},
			{"Status pemrosesan", status}, {"Nomor rekaman", v.ID},
		}})
		rt := &reports.DocTable{Header: []string{"Nomor", "Tanggal", "Keperluan", "Kelengkapan", "Status"},
			Widths: []float64{44, 24, 56, 36, 22}}
		for _, r := range p.Receipts {
			var notes []string
			for _, it := range r.Checklist {
				if it.Note != "" {
					notes = append(notes, it.Name+": "+it.Note)
				}
			}
			lengkap := "lengkap"
			if !r.Complete {
				lengkap = "belum lengkap"
			}
			if len(notes) > 0 {
				lengkap += "; " + strings.Join(notes, "; ")
			}
			rt.Rows = append(rt.Rows, []string{r.Number, dt(r.CreatedAt, loc), r.Purpose, lengkap, string(r.Status)})
		}
		d.Sections = append(d.Sections, reports.Section{Heading: prefix + "Tanda terima", Table: rt})
		ct := &reports.DocTable{Header: []string{"Nomor", "Dibuka", "Pertanyaan", "Identifikasi", "Jawaban", "Status"},
			Widths: []float64{34, 20, 38, 32, 40, 18}}
		nt := &reports.DocTable{Header: []string{"Konsultasi", "Waktu", "Jenis", "Petugas", "Catatan"},
			Widths: []float64{34, 20, 20, 30, 78}}
		for _, c := range p.Consultations {
			ct.Rows = append(ct.Rows, []string{c.Number, dt(c.OpenedAt, loc), c.Question, c.Identification, c.Answer, c.Status})
			for _, n := range c.Notes {
				nt.Rows = append(nt.Rows, []string{c.Number, dt(n.CreatedAt, loc), n.Kind, who(n.OfficerID), n.Body})
			}
			for _, cb := range c.Callbacks {
				nt.Rows = append(nt.Rows, []string{c.Number, dt(cb.DueAt, loc), "hubungi kembali", who(cb.OfficerID),
					strings.TrimSpace(cb.Phone + " " + cb.Note + " " + cb.Solution)})
			}
		}
		d.Sections = append(d.Sections, reports.Section{Heading: prefix + "Konsultasi CSO", Table: ct},
			reports.Section{Heading: prefix + "Riwayat konsultasi dan janji hubungi kembali", Table: nt})
		et := &reports.DocTable{Header: []string{"Waktu", "Peristiwa", "Petugas", "Keterangan"}, Widths: []float64{24, 40, 40, 78}}
		for _, e := range p.Events {
			et.Rows = append(et.Rows, []string{dt(e.At, loc), personalEventLabel(e.Kind), who(e.OfficerID), e.Data["reason"]})
		}
		d.Sections = append(d.Sections, reports.Section{Heading: prefix + "Peristiwa pemrosesan", Table: et})
		at := &reports.DocTable{Header: []string{"Waktu", "Petugas", "Layar/keperluan", "Rekaman"}, Widths: []float64{24, 44, 64, 50}}
		for _, a := range p.AccessLog {
			at.Rows = append(at.Rows, []string{dt(a.At, loc), who(a.OfficerID), a.Screen, subjectLabel(a.SubjectKind) + " " + a.SubjectID})
		}
		d.Sections = append(d.Sections, reports.Section{Heading: prefix + "Catatan akses (siapa melihat data ini)", Table: at})
	}
	return d
}

// ProcessingRecordDocument is the record of processing (ps. 31) from what
// the store actually holds.
func ProcessingRecordDocument(off store.Office, items []store.ProcessingItem, ret map[string]int, at time.Time) reports.Document {
	d := reports.Document{Office: officeInfo(off), Title: "Catatan Kegiatan Pemrosesan Data Pribadi",
		Subtitle: "UU 27/2022 Pasal 31 · dibuat dari skema basis data Loket", Generated: at.In(off.Location())}
	d.Sections = append(d.Sections, reports.Section{Heading: "Pengendali dan tujuan", Fields: [][2]string{
		{"Pengendali data", off.Name + " (" + off.Code + ")"},
		{"Sistem", "Loket: antrean, registrasi pengunjung, tanda terima berkas, konsultasi CSO, survei kepuasan"},
		{"Dasar pemrosesan", "Pelaksanaan tugas pelayanan publik (UU 27/2022 Pasal 20 ayat (2) huruf e; UU 25/2009)"},
		{"Subjek data", "Perwakilan satker (pengunjung, penanya CSO) dan petugas kantor"},
		{"Penerima", "Tidak dibagikan ke pihak lain; salinan disinkronkan setiap malam ke server kantor pusat, yang menghapus dan menyamarkannya dengan masa retensi kantor ini"},
		{"Keamanan", "Akses dengan akun petugas berperan; setiap tampilan data pribadi dicatat; cadangan terenkripsi (age)"},
	}})
	rt := &reports.DocTable{Header: []string{"Jenis data", "Masa retensi", "Setelahnya"}, Widths: []float64{70, 30, 82}}
	for _, k := range store.PDKinds {
		rt.Rows = append(rt.Rows, []string{store.PDKindLabel(k), fmt.Sprintf("%d hari", ret[k]),
			"dihapus/disamarkan otomatis tiap hari; jumlah dan durasi untuk laporan tetap"})
	}
	d.Sections = append(d.Sections, reports.Section{Heading: "Masa retensi", Table: rt})
	// Subjek is wide enough for "pengunjung" on one line.
	t := &reports.DocTable{Header: []string{"Tabel.kolom", "Data", "Subjek", "Tujuan", "Retensi", "Terisi"},
		Widths: []float64{42, 28, 22, 44, 34, 12}}
	for _, it := range items {
		t.Rows = append(t.Rows, []string{it.Table + "." + it.Column, it.Data, it.Subject, it.Purpose, it.Retention,
			reports.FormatCount(it.Filled)})
	}
	d.Sections = append(d.Sections, reports.Section{Heading: "Data pribadi yang disimpan", Table: t,
		Paragraphs: []string{"Daftar ini dibaca dari skema basis data saat dokumen dibuat; kolom Terisi adalah jumlah rekaman yang memuat nilai."}})
	return d
}

// BreachNotice is what the DPO fills in when personal data leaked
// (UU 27/2022 Pasal 46: notice within 3 x 24 hours to the subjects and
// the authority, saying what data, when and how, and what is done).
type BreachNotice struct {
	Number       string    // the letter's number
	Recipient    string    // "Lembaga Pelindungan Data Pribadi" or the subjects
	DiscoveredAt time.Time // when the office learned of it
	OccurredAt   time.Time // when it happened (zero: unknown)
	What         string    // what happened, how the data was disclosed
	Data         string    // which personal data
	Affected     int       // how many people
	Measures     string    // handling and recovery done and planned
	Advice       string    // what the people affected should do
	Contact      string    // whom to contact
	Signer       store.Officer
}

// Validate says, in Indonesian, what the notice still lacks.
func (n BreachNotice) Validate(now time.Time) error {
	switch {
	case strings.TrimSpace(n.Recipient) == "":
		return &store.Error{Code: "invalid", Message: "Isi penerima pemberitahuan."}
	case n.DiscoveredAt.IsZero() || n.DiscoveredAt.After(now):
		return &store.Error{Code: "invalid", Message: "Isi waktu kegagalan pelindungan data diketahui (tidak boleh di masa depan)."}
	case strings.TrimSpace(n.What) == "":
		return &store.Error{Code: "invalid", Message: "Uraikan kejadiannya: bagaimana data pribadi terungkap."}
	case strings.TrimSpace(n.Data) == "":
		return &store.Error{Code: "invalid", Message: "Sebutkan data pribadi yang terungkap."}
	case strings.TrimSpace(n.Measures) == "":
		return &store.Error{Code: "invalid", Message: "Sebutkan upaya penanganan dan pemulihan."}
	case n.Affected < 0:
		return &store.Error{Code: "invalid", Message: "Jumlah orang terdampak tidak boleh negatif."}
	}
	return nil
}

// BreachDeadline is when the notice must be out: 3 x 24 hours after the
// office learned of the breach (ps. 46 ayat (1)).
func (n BreachNotice) BreachDeadline() time.Time { return n.DiscoveredAt.Add(72 * time.Hour) }

// BreachNoticeDocument is the notice letter.
func BreachNoticeDocument(off store.Office, n BreachNotice, at time.Time) reports.Document {
	loc := off.Location()
	occurred := "belum diketahui"
	if !n.OccurredAt.IsZero() {
		occurred = dt(n.OccurredAt, loc)
	}
	affected := "belum diketahui"
	if n.Affected > 0 {
		affected = reports.FormatCount(n.Affected) + " orang"
	}
	d := reports.Document{Office: officeInfo(off), Title: "Pemberitahuan Kegagalan Pelindungan Data Pribadi",
		Subtitle: "UU 27/2022 Pasal 46", Generated: at.In(loc)}
	if strings.TrimSpace(n.Number) != "" {
		d.Subtitle = "Nomor " + strings.TrimSpace(n.Number) + " · " + d.Subtitle
	}
	d.Sections = append(d.Sections,
		reports.Section{Heading: "Kepada", Paragraphs: []string{n.Recipient}},
		reports.Section{Heading: "Kejadian", Fields: [][2]string{
			{"Diketahui", dt(n.DiscoveredAt, loc)}, {"Terjadi", occurred},
			{"Batas pemberitahuan", dt(n.BreachDeadline(), loc) + " (3 x 24 jam sejak diketahui)"},
			{"Orang terdampak", affected},
		}, Paragraphs: []string{n.What}},
		reports.Section{Heading: "Data pribadi yang terungkap", Paragraphs: []string{n.Data}},
		reports.Section{Heading: "Upaya penanganan dan pemulihan", Paragraphs: []string{n.Measures}},
	)
	if strings.TrimSpace(n.Advice) != "" {
		d.Sections = append(d.Sections, reports.Section{Heading: "Yang dapat Saudara lakukan", Paragraphs: []string{n.Advice}})
	}
	contact := firstNonEmptyStr(n.Contact, off.Name+", "+off.Address+" "+off.Phone)
	d.Sections = append(d.Sections, reports.Section{Heading: "Narahubung", Paragraphs: []string{contact}})
	d.Signature = &reports.Signature{PlaceDate: officeCity(off) + ", " + reports.FormatDateID(at.In(loc)),
		Position: "Pejabat Pelindungan Data Pribadi", Name: n.Signer.FullName, NIP: n.Signer.NIP}
	return d
}

func firstNonEmptyStr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// officeCity guesses the city for the letter's date line: the office
// name's last word ("KPPN Pekanbaru" → "Pekanbaru").
func officeCity(off store.Office) string {
	f := strings.Fields(off.Name)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// personalEventLabel names an event of a person's records in Indonesian
// for the subject's export (the kinds are the store's English codes).
func personalEventLabel(kind string) string {
	switch kind {
	case store.EvVisitorSaved:
		return "Data pengunjung disimpan"
	case store.EvReceiptCreated:
		return "Tanda terima dibuat"
	case store.EvReceiptUpdated:
		return "Tanda terima diubah"
	case store.EvReceiptPrinted:
		return "Tanda terima dicetak"
	case store.EvReceiptStatus:
		return "Status berkas berubah"
	case store.EvCSOCreated:
		return "Konsultasi dicatat"
	case store.EvCSOUpdated:
		return "Konsultasi diubah"
	case store.EvCSOAnswered:
		return "Konsultasi dijawab"
	case store.EvCSOEscalated:
		return "Konsultasi dieskalasi"
	case store.EvCSOReturned:
		return "Konsultasi dikembalikan ke CSO"
	case store.EvCSOWaitingDocuments:
		return "Menunggu dokumen"
	case store.EvCSOResolved:
		return "Konsultasi selesai"
	case store.EvCSOClosed:
		return "Konsultasi ditutup"
	case store.EvCSOAutoClosed:
		return "Konsultasi ditutup otomatis"
	case store.EvCSONote:
		return "Catatan konsultasi ditambahkan"
	case store.EvCSOCallbackSet:
		return "Janji hubungi kembali dibuat"
	case store.EvCSOCallbackDone:
		return "Hubungi kembali dilakukan"
	case store.EvPDRestricted:
		return "Pemrosesan dibatasi"
	case store.EvPDErased:
		return "Data dihapus atas permintaan"
	case store.EvPDPurged:
		return "Disamarkan (masa retensi berakhir)"
	}
	return kind
}

// subjectLabel names an access log record kind in Indonesian.
func subjectLabel(kind string) string {
	switch kind {
	case store.SubjectVisitor:
		return "pengunjung"
	case store.SubjectConsultation:
		return "konsultasi"
	case store.SubjectReceipt:
		return "tanda terima"
	}
	return kind
}
