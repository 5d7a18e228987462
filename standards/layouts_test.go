package standards

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// wantService is what a fixture service must parse to. sla lists the
// variants as "min-max unit" ("3-3 day"), "~" in front when approximate.
type wantService struct {
	name  string
	reqs  []string
	note  string // a prefix of RequirementsNote; "" means no note
	sla   []string
	free  bool
	fee   string // "" skips the check
	prods []string
}

func slaStrings(vs []SLAVariant) []string {
	out := []string{}
	for _, v := range vs {
		s := fmt.Sprintf("%g-%g %s", v.Min.Value, v.Max.Value, v.Max.Unit)
		if v.Min.Unit != v.Max.Unit {
			s = fmt.Sprintf("%g %s-%g %s", v.Min.Value, v.Min.Unit, v.Max.Value, v.Max.Unit)
		}
		if v.Approx {
			s = "~" + s
		}
		out = append(out, s)
	}
	return out
}

func checkServices(t *testing.T, got []Service, want []wantService) {
	t.Helper()
	if len(got) != len(want) {
		names := []string{}
		for _, s := range got {
			names = append(names, s.Name)
		}
		t.Fatalf("%d services %q, want %d", len(got), names, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name {
			t.Errorf("service %d name %q, want %q", i+1, g.Name, w.name)
		}
		if !reflect.DeepEqual(g.Requirements, w.reqs) {
			t.Errorf("service %d (%s) requirements %q, want %q", i+1, w.name, g.Requirements, w.reqs)
		}
		if (w.note == "") != (g.RequirementsNote == "") || !strings.HasPrefix(g.RequirementsNote, w.note) {
			t.Errorf("service %d (%s) note %q, want %q...", i+1, w.name, g.RequirementsNote, w.note)
		}
		if s := slaStrings(g.SLA); !reflect.DeepEqual(s, w.sla) {
			t.Errorf("service %d (%s) sla %q, want %q (text %q)", i+1, w.name, s, w.sla, g.SLAText)
		}
		if g.FeeFree != w.free || (w.fee != "" && g.Fee != w.fee) {
			t.Errorf("service %d (%s) fee %q free %v, want %q free %v", i+1, w.name, g.Fee, g.FeeFree, w.fee, w.free)
		}
		if w.prods != nil && !reflect.DeepEqual(g.Products, w.prods) {
			t.Errorf("service %d (%s) products %q, want %q", i+1, w.name, g.Products, w.prods)
		}
	}
}

func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var encServices = []wantService{
	{name: "Layanan Penerimaan Tamu", reqs: []string{"Kartu identitas", "Surat undangan atau janji temu."},
		sla: []string{"~45-45 minute"}, free: true, prods: []string{"Kartu tamu"}},
	{name: "Layanan Penerbitan Surat Tugas", reqs: []string{"Nota dinas permohonan", "Daftar nama pegawai."},
		sla: []string{"1-2 work_day"}, free: true, prods: []string{"Surat tugas"}},
}

func TestLayouts(t *testing.T) {
	two := []string{"Surat permohonan", "Identitas pemohon."}
	tests := []struct {
		file     string
		unit     string
		declared int
		want     []wantService
	}{
		{"numbered_rows.txt", "KANTOR CONTOH SATU", 0, []wantService{
			{name: "PENERBITAN SURAT KETERANGAN DOMISILI", reqs: []string{"Surat pengantar RT/RW", "Fotokopi KTP", "Fotokopi Kartu Keluarga."},
				sla: []string{"3-3 day"}, free: true, fee: "Tidak ada biaya / GRATIS", prods: []string{"Surat Keterangan Domisili"}},
			{name: "LEGALISASI DOKUMEN", reqs: []string{"Dokumen asli", "Fotokopi dokumen yang akan dilegalisasi."},
				sla: []string{"24-24 hour"}, free: true, prods: []string{"Dokumen yang telah dilegalisasi"}},
		}},
		{"lettered.txt", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN CONTOH", 0, []wantService{
			{name: "PENERBITAN KARTU KELUARGA", reqs: []string{"Formulir F-1.01 yang telah diisi", "Kartu Keluarga lama", "Buku nikah atau akta perkawinan."},
				sla: []string{"24-24 hour"}, free: true, fee: "GRATIS", prods: []string{"Kartu Keluarga"}},
			{name: "PENERBITAN AKTA KELAHIRAN", reqs: []string{"Surat keterangan kelahiran dari rumah sakit atau bidan", "Kartu Keluarga", "KTP kedua orang tua."},
				sla: []string{"5-5 work_day"}, free: true, fee: "GRATIS", prods: []string{"Kutipan Akta Kelahiran"}},
		}},
		{"glued_table.txt", "KANTOR CONTOH DUA", 0, []wantService{
			{name: "Penerbitan Surat Keterangan Lunas", reqs: []string{"Surat permohonan", "Bukti setor."},
				sla: []string{"5-5 work_day"}, free: true, fee: "Tidak ada.", prods: []string{"Surat Keterangan Lunas."}},
			{name: "Permintaan Salinan Dokumen", reqs: []string{"Surat permintaan", "Identitas pemohon."},
				sla: []string{"3-5 minute"}, free: true, prods: []string{"Salinan dokumen."}},
		}},
		{"split_table.txt", "KANTOR CONTOH TIGA", 0, []wantService{
			{name: "Konsultasi Pengelolaan Keuangan", reqs: []string{"Permohonan konsultasi melalui surel atau datang langsung", "Identitas satuan kerja."},
				sla: []string{"2-2 hour"}, free: true, prods: []string{"Jawaban konsultasi"}},
			{name: "Penyampaian Laporan Keuangan", reqs: []string{"Laporan keuangan yang telah ditandatangani", "Arsip data komputer."},
				sla: []string{"1-1 work_day"}, free: true, prods: []string{"Tanda terima laporan"}},
		}},
		{"kppn_web.txt", "KPPN Contoh", 3, []wantService{
			{name: "Penerbitan Surat Perintah Pencairan Dana (SP2D)", reqs: []string{"Surat Perintah Membayar (SPM) beserta Arsip Data Komputer", "Surat Pernyataan Tanggung Jawab Mutlak", "Daftar nominatif penerima."},
				sla: []string{"1-1 hour"}, prods: []string{"SP2D"}},
			{name: "Konfirmasi Surat Setoran Penerimaan Negara", reqs: []string{"Surat permohonan konfirmasi", "Bukti penerimaan negara."},
				sla: []string{"~45-45 minute"}, prods: []string{"Lembar konfirmasi"}},
			{name: "Layanan Pengembalian Penerimaan Negara", reqs: []string{"Surat permohonan", "Bukti setor asli."},
				sla: []string{"7-7 day"}, prods: []string{"Surat Perintah Membayar Kembali"}},
		}},
		{"header_row.txt", "PUSKESMAS CONTOH", 0, []wantService{
			{name: "Layanan Pemeriksaan Umum", reqs: []string{"Kartu identitas pasien", "Kartu BPJS bagi peserta"},
				sla: []string{"3-5 minute"}, free: true, fee: "Gratis bagi peserta BPJS", prods: []string{"Resep dan catatan rekam medis"}},
			{name: "Layanan Imunisasi", reqs: []string{}, note: "Tidak ada persyaratan",
				sla: []string{"~15-15 minute"}, free: true, prods: []string{"Catatan imunisasi pada buku KIA"}},
		}},
		{"service_list_first.txt", "KECAMATAN CONTOH", 2, []wantService{
			{name: "Layanan Rekomendasi Izin Keramaian", reqs: []string{"Surat permohonan dari penyelenggara", "Fotokopi KTP penyelenggara."},
				sla: []string{"2-2 work_day"}, free: true, prods: []string{"Surat rekomendasi izin keramaian"}},
			{name: "Layanan Surat Keterangan Ahli Waris", reqs: []string{"Surat keterangan kematian", "Kartu Keluarga", "KTP para ahli waris."},
				sla: []string{"7-7 work_day"}, free: true, prods: []string{"Surat Keterangan Ahli Waris"}},
		}},
		{"worksheet_hash.txt", "Pengadilan Agama Contoh", 0, []wantService{
			{name: "Pendaftaran Perkara Gugatan", reqs: []string{"Surat gugatan", "Fotokopi KTP penggugat", "Bukti pembayaran panjar biaya perkara."},
				sla: []string{"1-1 work_day"}, fee: "Sesuai panjar biaya perkara Rp 500.000", prods: []string{"Nomor register perkara"}},
			{name: "Permohonan Salinan Putusan", reqs: []string{"Surat permohonan", "Identitas pihak berperkara."},
				sla: []string{"5-5 month"}, fee: "Rp 10.000 per lembar", prods: []string{"Salinan putusan"}},
		}},
		{"word_bullets.txt", "BAGIAN UMUM KANTOR CONTOH EMPAT", 0, []wantService{
			{name: "Layanan Peminjaman Ruang Rapat", reqs: []string{"Nota dinas permohonan peminjaman", "Jadwal kegiatan."},
				sla: []string{"1-1 work_day"}, free: true, prods: []string{"Konfirmasi peminjaman ruang"}},
			{name: "Layanan Peminjaman Kendaraan Dinas", reqs: []string{"Nota dinas permohonan", "Surat tugas pengemudi", "Rencana perjalanan."},
				sla: []string{"2-2 work_day"}, free: true, prods: []string{"Surat izin penggunaan kendaraan"}},
		}},
		{"repeated_sentence.txt", "Kantor Wilayah Contoh Lima", 0, []wantService{
			{name: "Layanan Penerbitan Surat Rekomendasi", reqs: []string{"Surat permohonan", "Profil pemohon."}, sla: []string{"1-1 work_day"}, free: true, prods: []string{"Surat rekomendasi"}},
			{name: "Layanan Legalisasi Salinan Keputusan", reqs: []string{"Salinan keputusan", "Keputusan asli."}, sla: []string{"1-1 work_day"}, free: true, prods: []string{"Salinan terlegalisasi"}},
			{name: "Layanan Penerbitan Surat Keterangan", reqs: []string{"Surat permohonan", "Identitas pemohon."}, sla: []string{"1-1 work_day"}, free: true, prods: []string{"Surat keterangan"}},
		}},
		{"intro_note.txt", "BIRO CONTOH ENAM", 0, []wantService{
			{name: "Layanan Permintaan Data Statistik", reqs: []string{"Surat permintaan data", "Identitas pemohon", "Pernyataan penggunaan data."},
				note: "Persyaratan yang harus dipenuhi pemohon adalah sebagai berikut:", sla: []string{"10-10 work_day"}, free: true},
			{name: "Layanan Kunjungan Perpustakaan", reqs: []string{"Kartu anggota perpustakaan", "Mengisi buku tamu."},
				note: "Pengguna layanan adalah pegawai dan masyarakat umum", sla: []string{"~15-15 minute"}, free: true},
		}},
		{"time_phrases.txt", "", 0, []wantService{
			{name: "Layanan Pengesahan Dokumen", reqs: two, sla: []string{"24-24 hour"}, free: true},
			{name: "Layanan Penerbitan Izin", reqs: two, sla: []string{"7-7 day"}, free: true},
			{name: "Layanan Penyelesaian Keberatan", reqs: two, sla: []string{"5-5 month"}, free: true},
			{name: "Layanan Informasi Antrean", reqs: two, sla: []string{"3-5 minute"}, free: true},
			{name: "Layanan Verifikasi Berkas", reqs: two, sla: []string{"3-3 work_day"}, free: true},
		}},
		{"enc_cp1252.txt", "SEKRETARIAT CONTOH DELAPAN", 0, encServices},
		{"enc_utf8bom.txt", "SEKRETARIAT CONTOH DELAPAN", 0, encServices},
		{"enc_utf16le.txt", "SEKRETARIAT CONTOH DELAPAN", 0, encServices},
		{"enc_utf16be.txt", "SEKRETARIAT CONTOH DELAPAN", 0, encServices},
		{"wide_table.tsv", "DINAS KOPERASI DAN UKM KABUPATEN CONTOH", 0, []wantService{
			{name: "Layanan Pendaftaran Merek Dagang Lokal", reqs: []string{"Formulir pendaftaran", "Contoh label"},
				sla: []string{"14-14 work_day"}, free: true, prods: []string{"Tanda daftar merek"}},
			{name: "Layanan Pendampingan Usaha Mikro", reqs: []string{"Surat permohonan", "Profil usaha"},
				sla: []string{"1-2 month"}, free: true, prods: []string{"Laporan pendampingan"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d, _, err := Parse(tt.file, readFixture(t, filepath.Join("testdata", "layouts", tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if d.Unit != tt.unit || d.DeclaredServices != tt.declared {
				t.Errorf("unit %q declared %d, want %q %d", d.Unit, d.DeclaredServices, tt.unit, tt.declared)
			}
			checkServices(t, d.Services, tt.want)
		})
	}
}

// TestLayoutSpecifics checks what the service table above does not: the
// extension in a long time norm, the repeated sentence kept as content, the
// "–" and "±" of Windows-1252 surviving as themselves, the declared count of
// twelve.
func TestLayoutSpecifics(t *testing.T) {
	parse := func(name string) Document {
		d, _, err := Parse(name, readFixture(t, filepath.Join("testdata", "layouts", name)))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := parse("intro_note.txt")
	if e := d.Services[0].SLA[0].Extension; e == nil || *e != (Quantity{7, WorkDay}) {
		t.Errorf("extension %+v", e)
	}
	d = parse("repeated_sentence.txt")
	for _, s := range d.Services {
		if s.SLAText != "1 (satu) hari kerja setelah dokumen diterima secara lengkap dan benar." {
			t.Errorf("%s: jangka waktu %q (a repeated sentence is content)", s.Name, s.SLAText)
		}
		if strings.Contains(s.Components[KeyProduk], "Jl. Merdeka") || strings.Contains(s.Components[KeyProduk], "Kantor Wilayah") {
			t.Errorf("%s: page header left in produk: %q", s.Name, s.Components[KeyProduk])
		}
	}
	d = parse("enc_cp1252.txt")
	if got := d.Services[1].SLAText; got != "1 – 2 hari kerja" {
		t.Errorf("cp1252 en dash: %q", got)
	}
	if got := d.Services[0].SLAText; got != "± 45 menit" {
		t.Errorf("cp1252 plus-minus: %q", got)
	}
	if !strings.Contains(d.Services[0].Components[KeyProsedur], "resepsionis – petugas") {
		t.Errorf("cp1252 prosedur: %q", d.Services[0].Components[KeyProsedur])
	}
	d = parse("kppn_12.txt")
	if d.DeclaredServices != 12 || len(d.Services) != 12 || d.Services[11].Name != "Penerimaan Tamu dan Pengaduan" ||
		slaStrings(d.Services[11].SLA)[0] != "12-12 work_day" || d.Unit != "KANTOR PELAYANAN PERBENDAHARAAN NEGARA CONTOH" {
		t.Errorf("kppn_12: unit %q declared %d, %d services", d.Unit, d.DeclaredServices, len(d.Services))
	}
	for _, s := range d.Services {
		if len(s.Requirements) != 2 || !strings.HasPrefix(s.Products[0], "Hasil layanan") || strings.Contains(s.Products[0], "Persyaratan") {
			t.Errorf("kppn_12 %q: %q / %q", s.Name, s.Requirements, s.Products)
		}
	}
	d = parse("word_bullets.txt")
	if c := d.Services[0].Components[KeyProsedur]; c == "" {
		t.Errorf("mekanisme,dan title not recognised")
	}
}

// TestOfficeFormats: a PDF and a Word file made from the same document parse
// to the same services as its text.
func TestOfficeFormats(t *testing.T) {
	same := func(t *testing.T, a, b Document) {
		t.Helper()
		if a.Unit != b.Unit || a.DeclaredServices != b.DeclaredServices || len(a.Services) != len(b.Services) {
			t.Fatalf("unit %q/%q declared %d/%d services %d/%d", a.Unit, b.Unit, a.DeclaredServices, b.DeclaredServices, len(a.Services), len(b.Services))
		}
		for i := range a.Services {
			x, y := a.Services[i], b.Services[i]
			if x.Name != y.Name || !reflect.DeepEqual(x.Requirements, y.Requirements) || x.RequirementsNote != y.RequirementsNote ||
				!reflect.DeepEqual(x.Products, y.Products) || x.Fee != y.Fee || x.FeeFree != y.FeeFree ||
				!reflect.DeepEqual(x.SLA, y.SLA) || !reflect.DeepEqual(x.Complaint, y.Complaint) || len(x.Components) != len(y.Components) {
				t.Errorf("service %d differs:\n%+v\n%+v", i+1, x, y)
			}
			for k, v := range x.Components {
				// line breaks differ where the PDF wrapped a paragraph
				if collapseSpaces(strings.ReplaceAll(v, "\n", " ")) != collapseSpaces(strings.ReplaceAll(y.Components[k], "\n", " ")) {
					t.Errorf("service %d component %s:\n%q\n%q", i+1, k, v, y.Components[k])
				}
			}
		}
	}
	load := func(t *testing.T, name string) Document {
		d, _, err := Parse(name, readFixture(t, filepath.Join("testdata", "office", name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return d
	}
	t.Run("seed004", func(t *testing.T) {
		txt := load(t, "seed004.txt")
		if seed, _ := parseSeed(t, "004"); !reflect.DeepEqual(seed.Services, txt.Services) {
			t.Fatal("seed004.txt is not the embedded seed 004")
		}
		for _, f := range []string{"seed004.docx", "seed004.pdf"} {
			t.Run(f, func(t *testing.T) { same(t, txt, load(t, f)) })
		}
	})
	// seed 000: markdown pipe tables with HTML in the cells, made into real
	// tables (md_to_html.py), then .docx and .pdf
	t.Run("seed000", func(t *testing.T) {
		txt := load(t, "seed000.txt")
		if seed, _ := parseSeed(t, "000"); !reflect.DeepEqual(seed.Services, txt.Services) {
			t.Fatal("seed000.txt is not the embedded seed 000")
		}
		for _, f := range []string{"seed000.docx", "seed000.pdf"} {
			t.Run(f, func(t *testing.T) { same(t, txt, load(t, f)) })
		}
	})
	t.Run("table_komponen", func(t *testing.T) {
		docx := load(t, "table_komponen.docx")
		checkServices(t, docx.Services, []wantService{
			{name: "Layanan Penerbitan Surat Keterangan Tidak Terutang",
				reqs: []string{"Surat permohonan yang ditandatangani kepala satuan kerja", "Daftar tagihan yang telah diverifikasi", "Salinan kontrak pengadaan."},
				note: "Persyaratan layanan sebagai berikut:", sla: []string{"3-3 work_day"}, free: true, prods: []string{"Surat Keterangan Tidak Terutang"}},
			{name: "Layanan Konsultasi Pelaksanaan Anggaran",
				reqs: []string{"Identitas pegawai satuan kerja", "Uraian pertanyaan atau permasalahan."},
				note: "Persyaratan layanan sebagai berikut:", sla: []string{"~30-30 minute"}, free: true, prods: []string{"Jawaban konsultasi"}},
		})
		if docx.DeclaredServices != 2 || docx.Unit != "Kantor Pelayanan Contoh Sembilan" {
			t.Errorf("unit %q declared %d", docx.Unit, docx.DeclaredServices)
		}
		if got := docx.Services[0].Complaint; len(got.Emails) != 1 || len(got.Phones) != 1 {
			t.Errorf("complaint %+v", got)
		}
		same(t, docx, load(t, "table_komponen.pdf"))
	})
}

// TestManyServices: 1,200 services in the KPPN web shape, announced by the
// page, all read in order (the time target is BenchmarkParse20MB's).
func TestManyServices(t *testing.T) {
	var b strings.Builder
	const n = 1200
	fmt.Fprintf(&b, "KPPN Contoh memiliki %d jenis pelayanan.\n", n)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%02d. Layanan Nomor %d\nPersyaratan:\n- Surat permohonan nomor %d;\n- Identitas pemohon.\nMetode Penyampaian:\nDatang langsung.\n", i, i, i)
		fmt.Fprintf(&b, "Jangka Waktu Layanan:\n1 (satu) hari kerja setelah dokumen diterima secara lengkap dan benar.\nProduk Pelayanan:\nDokumen %d\n\n", i)
	}
	d, w, err := Parse("banyak.txt", []byte(b.String()))
	if err != nil || d.DeclaredServices != n || len(d.Services) != n {
		t.Fatalf("declared %d, %d services, %v", d.DeclaredServices, len(d.Services), err)
	}
	for i, s := range d.Services {
		if s.Name != fmt.Sprintf("Layanan Nomor %d", i+1) || len(s.Requirements) != 2 || s.Requirements[0] != fmt.Sprintf("Surat permohonan nomor %d", i+1) ||
			len(s.Products) != 1 || s.Products[0] != fmt.Sprintf("Dokumen %d", i+1) || slaStrings(s.SLA)[0] != "1-1 work_day" {
			t.Fatalf("service %d: %q %q %q %v", i+1, s.Name, s.Requirements, s.Products, s.SLA)
		}
	}
	for _, x := range w {
		if strings.Contains(x, "menyatakan") {
			t.Errorf("unexpected warning %q", x)
		}
	}
}
