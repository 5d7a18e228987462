package standards

import "testing"

func TestReduceSLA(t *testing.T) {
	q := func(v float64, u Unit) Quantity { return Quantity{v, u} }
	ext := func(v float64, u Unit) *Quantity { return &Quantity{v, u} }
	tests := []struct {
		name      string
		in        string
		want      []SLAVariant
		unreduced int
	}{
		{"digits work days", "3 hari kerja sejak dokumen lengkap.", []SLAVariant{{Min: q(3, WorkDay), Max: q(3, WorkDay)}}, 0},
		{"spelled repetition", "10 (sepuluh) hari kerja", []SLAVariant{{Min: q(10, WorkDay), Max: q(10, WorkDay)}}, 0},
		{"number words effective", "kurang lebih tiga puluh hari kerja efektif.", []SLAVariant{{Min: q(30, WorkDay), Max: q(30, WorkDay), Approx: true}}, 0},
		{"hour and minutes", "kurang lebih satu jam tiga puluh menit.", []SLAVariant{{Min: q(90, Minute), Max: q(90, Minute), Approx: true}}, 0},
		{"hundreds", "seratus dua puluh menit", []SLAVariant{{Min: q(120, Minute), Max: q(120, Minute)}}, 0},
		{"plain day stays day", "5 hari terhitung dari disposisi", []SLAVariant{{Min: q(5, Day), Max: q(5, Day)}}, 0},
		{"calendar day", "7 (tujuh) hari kalender", []SLAVariant{{Min: q(7, CalendarDay), Max: q(7, CalendarDay)}}, 0},
		{"work hour", "4 (empat) jam kerja", []SLAVariant{{Min: q(4, WorkHour), Max: q(4, WorkHour)}}, 0},
		{"hour", "1x24 jam", []SLAVariant{{Min: q(24, Hour), Max: q(24, Hour)}}, 0},
		{"month", "Paling Lambat 2 (dua) bulan setelah", []SLAVariant{{Min: q(2, Month), Max: q(2, Month)}}, 0},
		{"range s.d.", "dalam kurun waktu 1 s.d. 5 hari kerja.", []SLAVariant{{Min: q(1, WorkDay), Max: q(5, WorkDay)}}, 0},
		{"range sampai dengan", "1 (satu) sampai dengan 5 (lima) hari kerja", []SLAVariant{{Min: q(1, WorkDay), Max: q(5, WorkDay)}}, 0},
		{"range dash", "5 - 10 hari kerja sejak data lengkap", []SLAVariant{{Min: q(5, WorkDay), Max: q(10, WorkDay)}}, 0},
		{"range hingga", "dalam waktu 2 hingga 3 hari kerja", []SLAVariant{{Min: q(2, WorkDay), Max: q(3, WorkDay)}}, 0},
		{"range mixed units", "disesuaikan dengan kebutuhan pembahasan dengan kisaran waktu 2 jam hingga 1 hari kerja", []SLAVariant{{Min: q(2, Hour), Max: q(1, WorkDay)}}, 0},
		{"extension", "10 (sepuluh) hari kerja dan dapat diperpanjang selama 7 (tujuh) hari kerja berikutnya", []SLAVariant{{Min: q(10, WorkDay), Max: q(10, WorkDay), Extension: ext(7, WorkDay)}}, 0},
		{"approx sekitar", "sekitar 15 menit", []SLAVariant{{Min: q(15, Minute), Max: q(15, Minute), Approx: true}}, 0},
		{"approx plus minus", "± 2 jam", []SLAVariant{{Min: q(2, Hour), Max: q(2, Hour), Approx: true}}, 0},
		{"channels", "a. Email, telepon: 120 Menit b. Naskah Dinas: 3 hari kerja", []SLAVariant{
			{Label: "Email, telepon", Min: q(120, Minute), Max: q(120, Minute)},
			{Label: "Naskah Dinas", Min: q(3, WorkDay), Max: q(3, WorkDay)}}, 0},
		{"nested tiers", "a. Penyediaan: 4 jam kerja b. Instalasi: 1) 1 s.d 4 perangkat: 1 hari kerja 2) 5 s.d 8 perangkat: 2 hari kerja", []SLAVariant{
			{Label: "Penyediaan", Min: q(4, WorkHour), Max: q(4, WorkHour)},
			{Label: "Instalasi - 1 s.d 4 perangkat", Min: q(1, WorkDay), Max: q(1, WorkDay)},
			{Label: "Instalasi - 5 s.d 8 perangkat", Min: q(2, WorkDay), Max: q(2, WorkDay)}}, 0},
		{"tiers after duration", "8 (delapan) hari kerja untuk gaji induk 4 (empat) hari kerja untuk kekurangan gaji", []SLAVariant{
			{Label: "gaji induk", Min: q(8, WorkDay), Max: q(8, WorkDay)},
			{Label: "kekurangan gaji", Min: q(4, WorkDay), Max: q(4, WorkDay)}}, 0},
		{"partly schedule", "a. Email: 1 hari kerja b. UND: sesuai jadwal pembahasan", []SLAVariant{{Label: "Email", Min: q(1, WorkDay), Max: q(1, WorkDay)}}, 1},
		{"schedule", "Sesuai surat tugas atau nota dinas permintaan dukungan kegiatan", nil, 1},
		{"needs", "Jangka waktu pelaksanaan layanan disesuaikan dengan kebutuhan", nil, 1},
		{"months of year", "April s.d. November tahun Berjalan", nil, 1},
		{"date deadline", "Paling Lambat tanggal 31 Januari tahun berjalan", nil, 1},
		{"event first", "Dipenuhi pada saat pelaksanaan kegiatan. Penutupan tiket dilakukan 1 (satu) hari kerja setelah pelaksanaan kegiatan.", nil, 1},
		{"before an event", "diselesaikan selambat-lambatnya 1 (satu) hari sebelum pelaksanaan kegiatan", nil, 1},
		{"clock times", "Setiap hari kerja pukul 08.00 - 17.00", nil, 1},
		{"repeated line", "20 Menit\n20 menit per satu jenis layanan", []SLAVariant{{Min: q(20, Minute), Max: q(20, Minute)}}, 0},
		{"empty", "", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ReduceSLA(tt.in)
			if len(r.Variants) != len(tt.want) || len(r.Unreduced) != tt.unreduced || r.Reducible != (len(tt.want) > 0) {
				t.Fatalf("ReduceSLA(%q) = %+v unreduced %q reducible %v; want %+v and %d unreduced", tt.in, r.Variants, r.Unreduced, r.Reducible, tt.want, tt.unreduced)
			}
			for i, w := range tt.want {
				g := r.Variants[i]
				if g.Label != w.Label || g.Min != w.Min || g.Max != w.Max || g.Approx != w.Approx ||
					(g.Extension == nil) != (w.Extension == nil) || (w.Extension != nil && *g.Extension != *w.Extension) {
					t.Errorf("variant %d = %+v (ext %v), want %+v (ext %v)", i, g, g.Extension, w, w.Extension)
				}
			}
		})
	}
}

func FuzzReduceSLA(f *testing.F) {
	for _, s := range []string{"1 s.d. 5 hari kerja", "satu jam tiga puluh menit", "a. x: 1 jam b. y: 2) 3 hari", "10 (sepuluh) hari kerja dan dapat diperpanjang selama 7 hari", "s.d", "1,5 jam", "(1) (a) 1) a)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := ReduceSLA(s)
		for _, v := range r.Variants {
			if v.Min.Unit == "" || v.Max.Unit == "" {
				t.Fatalf("%q: variant without unit %+v", s, v)
			}
		}
		if r.Reducible != (len(r.Variants) > 0) {
			t.Fatalf("%q: reducible %v with %d variants", s, r.Reducible, len(r.Variants))
		}
	})
}
