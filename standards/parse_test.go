package standards

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/assets"
)

func TestParseUnreadable(t *testing.T) {
	tests := []struct {
		data []byte
		want error
	}{
		{[]byte("%PDF-1.7\n..."), ErrCorruptPDF},
		{[]byte{0x50, 0x4b, 3, 4, 0}, ErrCorruptDOCX},
		{[]byte("abc\x00def"), ErrNotText},
		{[]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, ErrOldWord},
		{[]byte("\x89PNG\r\n\x1a\n\x01\x02\x03\x04\x05\x06\x07\x08"), ErrNotText},
		{nil, ErrEmpty},
		{[]byte(" \n\r\n\t"), ErrEmpty},
		{[]byte("\xef\xbb\xbf\n"), ErrEmpty},
	}
	for _, tt := range tests {
		if _, _, err := Parse("x", tt.data); !errors.Is(err, tt.want) {
			t.Errorf("Parse(%q) error = %v, want %v", tt.data, err, tt.want)
		}
	}
}

func TestParseNoService(t *testing.T) {
	for _, in := range []string{"Hanya teks biasa.\nTanpa layanan.", "| No. | Komponen | Uraian |\n|--|--|--|\n| 1. | Persyaratan | KTP |"} {
		d, w, err := Parse("x.txt", []byte(in))
		if err != nil || d.Services == nil || len(d.Services) != 0 || len(w) == 0 {
			t.Errorf("Parse(%q) = %d services (nil %v), warnings %q, err %v", in, len(d.Services), d.Services == nil, w, err)
		}
	}
}

func TestComponentKeyVariants(t *testing.T) {
	tests := map[string]string{
		"Persyaratan":                                      KeyPersyaratan,
		"Persyaratan Pelayanan":                            KeyPersyaratan,
		"Sistem, Mekanisme, dan Prosedur":                  KeyProsedur,
		"Sistem, mekanisme dan prosedur":                   KeyProsedur,
		"<p>Sistem, Mekanisme, dan Prosedur</p>":           KeyProsedur,
		"Jangka Waktu Pelayanan":                           KeyJangkaWaktu,
		"Jangka Waktu Penyelesaian":                        KeyJangkaWaktu,
		"Jangka Waktu Pelayanan/Penyelesaian":              KeyJangkaWaktu,
		"Waktu Penyelesaian":                               KeyJangkaWaktu,
		"Biaya/Tarif":                                      KeyBiaya,
		"Biaya/ tarif":                                     KeyBiaya,
		"Biaya / Tarif":                                    KeyBiaya,
		"Produk pelayanan":                                 KeyProduk,
		"Penanganan":                                       KeyPengaduan,
		"Penanganan Pengaduan, Saran dan Masukan":          KeyPengaduan,
		"Pengaduan Layanan":                                KeyPengaduan,
		"Dasar hukum":                                      KeyDasarHukum,
		"Sarana dan Prasarana, dan/ atau Fasilitas":        KeySarana,
		"Sarana, prasarana dan/atau fasilitas":             KeySarana,
		"Kompetensi Pelaksana":                             KeyKompetensi,
		"Pengawasan internal":                              KeyPengawasan,
		"Jumlah pelaksana":                                 KeyJumlahPelaksana,
		"Jaminan Pelayanan":                                KeyJaminanPelayanan,
		"Jaminan keamanan dan keselamatan pelayanan":       KeyJaminanKeamanan,
		"Evaluasi Kinerja Pelaksana":                       KeyEvaluasi,
		"Pelayanan dilakukan sesuai dengan SOP":            "",
		"Data/informasi kondisi internal":                  "",
		"Peraturan Menteri Keuangan Nomor 118/PMK.01/2021": "",
	}
	for in, want := range tests {
		if got := componentKey(in); got != want {
			t.Errorf("componentKey(%q) = %q, want %q", in, got, want)
		}
	}
	if len(Components) != 14 || ComponentTitle(KeyBiaya) != "Biaya/Tarif" || ComponentTitle("x") != "" {
		t.Errorf("component table wrong")
	}
}

func TestListItems(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a. KTP; b. NPWP; dan c. Surat kuasa.", []string{"KTP", "NPWP", "Surat kuasa."}},
		{"Syarat:\n1) KTP\n2) NPWP", []string{"Syarat:", "KTP", "NPWP"}}, // listItems (products) keeps the preamble
		{"(a) satu (b) dua", []string{"satu", "dua"}},
		{"• KTP\n• NPWP", []string{"KTP", "NPWP"}},
		{"a. Induk: 1. x 2. y b. Lain", []string{"Induk: 1. x 2. y", "Lain"}},
		{"Peraturan Nomor 54 TAHUN 2010. Tentang Pengadaan", []string{"Peraturan Nomor 54 TAHUN 2010. Tentang Pengadaan"}},
		{"sesuai Pasal 18 ayat (2) Peraturan KPK", []string{"sesuai Pasal 18 ayat (2) Peraturan KPK"}},
		{"1. Nota Dinas 2 Nota Sekjen 3 Dokumen", []string{"Nota Dinas", "Nota Sekjen", "Dokumen"}},
		{"a. satu\nb. dua\nDengan melengkapi dokumen sebagai berikut.\nc. KTP\nd. NPWP", []string{"satu", "dua", "Dengan melengkapi dokumen sebagai berikut.", "KTP", "NPWP"}},
	}
	for _, tt := range tests {
		got := listItems(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("listItems(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsFree(t *testing.T) {
	for in, want := range map[string]bool{
		"Tidak dipungut biaya (Gratis).": true, "Tidak Ada.": true, "Gratis": true, "Rp0,00": true,
		"Rp 50.000 per dokumen": false, "Sesuai PP tentang PNBP": false, "": false,
	} {
		if got := isFree(in); got != want {
			t.Errorf("isFree(%q) = %v", in, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, n := range assets.CatalogNames() {
		data := assets.CatalogDocuments()[n]
		if len(data) > 12000 {
			data = data[:12000]
		}
		f.Add(data)
	}
	f.Add([]byte("1. Layanan X\na. Komponen standar pelayanan meliputi:\nNo.\tKomponen\tUraian\n1.\tPersyaratan\t<p>a. KTP</p><table><tr><td>1</td></tr></table>\n\t\t1\tKTP\n3.\tJangka Waktu\t1 s.d. 5 hari kerja"))
	f.Add([]byte("Persyaratan\n1. x\nWaktu Penyelesaian\ndua puluh menit\nBiaya / Tarif\nGratis\n"))
	layouts, _ := filepath.Glob(filepath.Join("testdata", "layouts", "*"))
	for _, p := range layouts {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, _, err := Parse("fuzz.txt", data)
		if err != nil {
			return
		}
		if d.Services == nil {
			t.Fatal("nil services")
		}
		for i, s := range d.Services {
			if s.Number != i+1 || s.Components == nil || s.Requirements == nil || s.SLA == nil {
				t.Fatalf("service %d malformed: %+v", i, s)
			}
		}
	})
}

func TestRequirementItems(t *testing.T) {
	tests := []struct {
		in    string
		note  string
		items []string
	}{
		{"Persyaratan sebagai berikut:\n1. KTP;\n2. NPWP.", "Persyaratan sebagai berikut:", []string{"KTP", "NPWP."}},
		{"Pemohon layanan adalah pegawai Kementerian Keuangan.", "Pemohon layanan adalah pegawai Kementerian Keuangan.", []string{}},
		{"a. Pengguna layanan merupakan satuan kerja;\nb. Nota dinas permohonan;\nc. Daftar hadir.", "Pengguna layanan merupakan satuan kerja", []string{"Nota dinas permohonan", "Daftar hadir."}},
		{"Yang dapat mengajukan permohonan yaitu:\na. perseorangan;\nb. badan hukum.\nDengan melengkapi dokumen sebagai berikut.\nc. KTP;\nd. Akta pendirian.",
			"Yang dapat mengajukan permohonan yaitu:\nperseorangan; badan hukum.\nDengan melengkapi dokumen sebagai berikut.", []string{"KTP", "Akta pendirian."}},
		{"Yang berhak menggunakan layanan yaitu:\na. pegawai;\nb. keluarga pegawai.", "Yang berhak menggunakan layanan yaitu:", []string{"pegawai", "keluarga pegawai."}},
		{"Tidak ada persyaratan", "Tidak ada persyaratan", []string{}},
		{"Surat permohonan", "", []string{"Surat permohonan"}},
		{"", "", []string{}},
	}
	for _, tt := range tests {
		note, items := requirementItems(tt.in)
		if note != tt.note || strings.Join(items, "|") != strings.Join(tt.items, "|") || items == nil {
			t.Errorf("requirementItems(%q) = %q, %q; want %q, %q", tt.in, note, items, tt.note, tt.items)
		}
	}
}
