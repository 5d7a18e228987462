package standards

import (
	"strings"
	"testing"

	"loket/assets"
)

func parseSeed(t testing.TB, prefix string) (Document, []string) {
	t.Helper()
	docs := assets.CatalogDocuments()
	for _, name := range assets.CatalogNames() {
		if strings.HasPrefix(name, prefix) {
			d, w, err := Parse(name, docs[name])
			if err != nil {
				t.Fatalf("Parse(%s): %v", name, err)
			}
			return d, w
		}
	}
	t.Fatalf("no seed document %s*", prefix)
	return Document{}, nil
}

func exact(v float64, u Unit) (Quantity, Quantity) { return Quantity{v, u}, Quantity{v, u} }

func checkSLA(t *testing.T, s Service, want ...SLAVariant) {
	t.Helper()
	if len(s.SLA) != len(want) {
		t.Fatalf("service %d %q: %d SLA variants %+v, want %d", s.Number, s.Name, len(s.SLA), s.SLA, len(want))
	}
	for i, w := range want {
		g := s.SLA[i]
		if g.Min != w.Min || g.Max != w.Max || g.Approx != w.Approx || (g.Extension == nil) != (w.Extension == nil) ||
			(w.Extension != nil && *g.Extension != *w.Extension) || (w.Label != "" && g.Label != w.Label) {
			t.Errorf("service %d %q variant %d = %+v, want %+v", s.Number, s.Name, i, g, w)
		}
	}
}

func TestSeedCounts(t *testing.T) {
	tests := []struct {
		prefix           string
		unit             string
		declared, parsed int
		reducible        int
		allFourteen      bool
	}{
		{"000", "Biro Komunikasi dan Layanan Informasi", 2, 2, 2, false},
		{"001", "Biro Umum", 48, 48, 42, true},
		{"002", "KPPN Kotabumi", 0, 0, 0, false},
		{"003", "Kantor Pengelolaan Teknologi Informasi dan Komunikasi dan Barang Milik Negara", 15, 15, 13, true},
		{"004", "Kantor Pelayanan Perbendaharaan Negara tipe A1 Pekanbaru", 0, 1, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			d, _ := parseSeed(t, tt.prefix)
			if d.Unit != tt.unit {
				t.Errorf("unit = %q, want %q", d.Unit, tt.unit)
			}
			if d.DeclaredServices != tt.declared || len(d.Services) != tt.parsed {
				t.Errorf("declared %d parsed %d, want %d/%d", d.DeclaredServices, len(d.Services), tt.declared, tt.parsed)
			}
			red := 0
			for i, s := range d.Services {
				if s.Number != i+1 {
					t.Errorf("service %q has number %d, want %d", s.Name, s.Number, i+1)
				}
				if s.SLAReducible {
					red++
				}
				for _, k := range []string{KeyPersyaratan, KeyProsedur, KeyJangkaWaktu, KeyBiaya, KeyProduk, KeyPengaduan} {
					if s.Components[k] == "" {
						t.Errorf("service %d %q: component %s empty", s.Number, s.Name, k)
					}
				}
				if tt.allFourteen && len(s.Components) != 14 {
					t.Errorf("service %d %q: %d components, want 14", s.Number, s.Name, len(s.Components))
				}
				for k, v := range s.Components {
					if strings.Contains(v, "<p") || strings.Contains(v, "</") || strings.Contains(v, "graph TD") || strings.Contains(v, "-->") {
						t.Errorf("service %d component %s not clean: %.120q", s.Number, k, v)
					}
				}
				// a checklist may be empty when the whole Persyaratan is a
				// "who may use this service" paragraph: it is the note then
				if (len(s.Requirements) == 0 && s.RequirementsNote == "") || !s.FeeFree {
					t.Errorf("service %d %q: requirements %d, fee_free %v", s.Number, s.Name, len(s.Requirements), s.FeeFree)
				}
			}
			if red != tt.reducible {
				t.Errorf("%d services with reducible SLA, want %d", red, tt.reducible)
			}
		})
	}
}

func TestSeed000(t *testing.T) {
	d, _ := parseSeed(t, "000")
	s := d.Services[0]
	// "a. Yang dapat menggunakan layanan ... yaitu: 1. ... 4. ..." is who may
	// use the service: the note, not an item to tick
	if s.Name != "Layanan Pusat Kontak Layanan Kemenkeu PRIME" || len(s.Requirements) != 2 || len(s.Products) != 3 ||
		!strings.HasPrefix(s.RequirementsNote, "Yang dapat menggunakan layanan Pusat Kontak") {
		t.Errorf("service 1: name %q, %d requirements, %d products", s.Name, len(s.Requirements), len(s.Products))
	}
	min, max := exact(45, Minute)
	checkSLA(t, s, SLAVariant{Min: min, Max: max})
	// continuation rows after a page break join mid-sentence
	if !strings.Contains(s.Components[KeyProsedur], "basis data pengetahuan Kemenkeupedia, untuk selanjutnya") {
		t.Errorf("page-break continuation not joined: %q", s.Components[KeyProsedur])
	}
	if !strings.Contains(s.Components[KeyProsedur], "Kemenkeu PRIME, maka tiket") {
		t.Errorf("second continuation not joined mid-sentence")
	}
	if got := s.Complaint; len(got.Phones) != 1 || got.Phones[0] != "134" || len(got.Emails) != 1 || len(got.URLs) != 3 {
		t.Errorf("complaint channels = %+v", got)
	}
	s = d.Services[1]
	if !strings.Contains(s.Components[KeyProsedur], "bahan pustaka pada raknya") {
		t.Errorf("service 2 continuation not joined: %q", s.Components[KeyProsedur])
	}
	min, max = exact(1, WorkDay)
	checkSLA(t, s, SLAVariant{Min: min, Max: max})
}

func TestSeed001(t *testing.T) {
	d, _ := parseSeed(t, "001")
	svc := func(n int) Service { return d.Services[n-1] }
	q := func(v float64, u Unit) Quantity { return Quantity{v, u} }
	checkSLA(t, svc(1), SLAVariant{Min: q(30, Minute), Max: q(30, Minute), Approx: true})
	checkSLA(t, svc(2),
		SLAVariant{Label: "Email, telepon, Whatsapp, media lainnya", Min: q(120, Minute), Max: q(120, Minute)},
		SLAVariant{Label: "Naskah Dinas", Min: q(3, WorkDay), Max: q(3, WorkDay)})
	checkSLA(t, svc(3), SLAVariant{Min: q(30, WorkDay), Max: q(30, WorkDay), Approx: true})
	checkSLA(t, svc(4), SLAVariant{Min: q(1, WorkDay), Max: q(5, WorkDay)})
	checkSLA(t, svc(13), SLAVariant{Min: q(10, WorkDay), Max: q(10, WorkDay), Extension: &Quantity{7, WorkDay}})
	checkSLA(t, svc(15), SLAVariant{Min: q(90, Minute), Max: q(90, Minute), Approx: true})
	checkSLA(t, svc(24), SLAVariant{Min: q(1, WorkDay), Max: q(5, WorkDay)})
	checkSLA(t, svc(26), SLAVariant{Min: q(5, Day), Max: q(5, Day)})
	checkSLA(t, svc(31), SLAVariant{Min: q(120, WorkDay), Max: q(120, WorkDay)})
	checkSLA(t, svc(38), SLAVariant{Min: q(30, Day), Max: q(30, Day)})
	checkSLA(t, svc(44), SLAVariant{Min: q(5, WorkDay), Max: q(10, WorkDay)})
	checkSLA(t, svc(45), SLAVariant{Min: q(2, Hour), Max: q(1, WorkDay)})
	checkSLA(t, svc(48), SLAVariant{Min: q(15, Minute), Max: q(1, WorkDay)})
	for _, n := range []int{21, 35, 37, 39, 40, 42} {
		if s := svc(n); s.SLAReducible || len(s.SLA) != 0 || len(s.SLAUnreduced) == 0 {
			t.Errorf("service %d %q should be irreducible: %+v", n, s.Name, s.SLA)
		}
	}
	if s := svc(6); len(s.SLA) != 2 || len(s.SLAUnreduced) != 1 {
		t.Errorf("service 6: the meeting channel follows a schedule: %+v %q", s.SLA, s.SLAUnreduced)
	}

	// the introductory sentence or the "Pemohon layanan adalah ..." paragraph
	// that used to be item 1 is the note now (issue 17)
	reqs := map[int]int{1: 1, 4: 2, 13: 3, 14: 3, 15: 0, 22: 5, 31: 4, 33: 2, 45: 3, 46: 3, 47: 1}
	notes := map[int]string{1: "Pemohon layanan adalah", 13: "Yang dapat menggunakan layanan", 15: "Pengguna layanan merupakan",
		22: "Stakeholder Penerima Layanan merupakan", 45: "Permintaan konsultasi Pengelolaan Kinerja Organisasi dapat disampaikan", 47: ""}
	for n, want := range notes {
		if got := svc(n).RequirementsNote; (want == "") != (got == "") || !strings.HasPrefix(got, want) {
			t.Errorf("service %d note %q, want %q...", n, got, want)
		}
	}
	for n, want := range reqs {
		if got := len(svc(n).Requirements); got != want {
			t.Errorf("service %d: %d requirements %q, want %d", n, got, svc(n).Requirements, want)
		}
	}
	// "Yang dapat menggunakan ... yaitu: a. orang perseorangan ... c. badan
	// hukum" says who; "Dengan melengkapi ... sebagai berikut." opens the
	// documents to bring, lettered on from "d." in service 14
	for _, n := range []int{13, 14} {
		s := svc(n)
		if !strings.Contains(s.RequirementsNote, "badan hukum Indonesia") || !strings.HasSuffix(s.RequirementsNote, "sebagai berikut.") ||
			!strings.HasPrefix(s.Requirements[0], "Orang perseorangan (warga negara Indonesia) melengkapi: 1) bukti identitas") ||
			!strings.HasPrefix(s.Requirements[2], "Badan hukum Indonesia, melengkapi") {
			t.Errorf("service %d: note %q, requirements %.200q", n, s.RequirementsNote, s.Requirements)
		}
	}
	if got := svc(22).Requirements[0]; got != "Nota dinas usulan revisi anggaran dari Kepala Biro/ KPA Satker Pusat/ KPA Satker Daerah." {
		t.Errorf("service 22 requirement 1 = %q", got)
	}
	// flattened nested <table> rows are neither components nor repeated
	for _, n := range []int{39, 43, 44, 46} {
		s := svc(n)
		if c := strings.Count(s.Components[KeyDasarHukum], "118/PMK.01/2021"); n != 46 && c != 1 {
			t.Errorf("service %d dasar hukum repeats the nested table (%d times)", n, c)
		}
	}
	if c := strings.Count(svc(46).Components[KeyProsedur], "mencari solusi/jawaban"); c != 1 {
		t.Errorf("service 46 prosedur repeats nested rows %d times", c)
	}
	if got := svc(46).Name; got != "Layanan Konsultasi Tindak Lanjut Arahan Pimpinan pada Aplikasi Daily Application Monitoring System (DAMS) untuk Unit Eselon II di Lingkungan Sekretariat Jenderal" {
		t.Errorf("service 46 name %q", got)
	}
	// Produk comes first in services 33-48
	if got := svc(33).Products; len(got) != 1 || !strings.HasPrefix(got[0], "Pelaporan gratifikasi") {
		t.Errorf("service 33 products %q", got)
	}
}

func TestSeed003(t *testing.T) {
	d, warnings := parseSeed(t, "003")
	names := []string{12: "Layanan Protokoler", 13: "Layanan Kesekretariatan", 15: "Layanan Registrasi dan Verifikasi Aplikasi Layanan Pengadaan Secara Elektronik"}
	for n, want := range names {
		if want != "" && d.Services[n-1].Name != want {
			t.Errorf("service %d = %q, want %q", n, d.Services[n-1].Name, want)
		}
	}
	drift := 0
	for _, w := range warnings {
		if strings.Contains(w, "bernomor") {
			drift++
		}
	}
	if drift != 3 {
		t.Errorf("%d heading-drift warnings, want 3: %q", drift, warnings)
	}
	s := d.Services[2]
	if len(s.SLA) != 11 || s.SLA[0].Label != "Penyediaan Perangkat Lunak" || s.SLA[0].Max != (Quantity{4, WorkHour}) ||
		s.SLA[10].Label != "Penyediaan dan Instalasi Perangkat Lunak - 17 s.d 20 perangkat" || s.SLA[10].Max != (Quantity{5, WorkDay}) {
		t.Errorf("service 3 tiers: %+v", s.SLA)
	}
	s = d.Services[0]
	if len(s.SLA) != 2 || len(s.SLAUnreduced) != 1 || !strings.Contains(s.SLAUnreduced[0], "Asistensi Pengembangan LAN") {
		t.Errorf("service 1: %+v / %q", s.SLA, s.SLAUnreduced)
	}
	if strings.Contains(d.Services[1].Components[KeyProsedur], "subgraph") {
		t.Errorf("mermaid diagram left in prosedur")
	}
	if s := d.Services[11]; s.SLAReducible {
		t.Errorf("Protokoler follows the assignment letter; got %+v", s.SLA)
	}
	if got := d.Services[13].Complaint.Phones; len(got) != 12 || got[11] != "0852-1740-4522" {
		t.Errorf("service 14 phones %q", got)
	}
}

func TestSeed002And004(t *testing.T) {
	d, w := parseSeed(t, "002")
	if len(d.Services) != 0 || len(w) == 0 {
		t.Errorf("002: %d services, warnings %q", len(d.Services), w)
	}
	d, _ = parseSeed(t, "004")
	s := d.Services[0]
	if s.Name != "Layanan Konsultasi Stakeholder" || len(s.Requirements) != 2 || len(s.Products) != 3 {
		t.Errorf("004: %q, %d requirements, %d products", s.Name, len(s.Requirements), len(s.Products))
	}
	min, max := exact(20, Minute)
	checkSLA(t, s, SLAVariant{Min: min, Max: max})
	if strings.Contains(s.Components[KeyProsedur], "Jl.Sudirman") || strings.Contains(s.Components[KeyProsedur], "Kementerian Keuangan /") {
		t.Errorf("page header left in prosedur: %q", s.Components[KeyProsedur])
	}
	if len(s.Complaint.URLs) != 3 {
		t.Errorf("004 complaint URLs %q", s.Complaint.URLs)
	}
}

func BenchmarkParseSeeds(b *testing.B) {
	docs := assets.CatalogDocuments()
	names := assets.CatalogNames()
	for b.Loop() {
		for _, n := range names {
			if _, _, err := Parse(n, docs[n]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func mustSeed(prefix string) []byte {
	for _, n := range assets.CatalogNames() {
		if strings.HasPrefix(n, prefix) {
			return assets.CatalogDocuments()[n]
		}
	}
	return nil
}
