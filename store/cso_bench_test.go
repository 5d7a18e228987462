package store_test

import (
	"fmt"
	"testing"
	"time"

	"loket/store"
)

// csoBenchOffice is an office with resolved answers in the knowledge
// index and open items on the board: about a year of a busy KPPN's CSO.
func csoBenchOffice(b *testing.B, resolved, open int) *csoOffice {
	o := newCSOOffice(b)
	subjects := []string{"SPM gaji induk", "user SAKTI terkunci", "kode billing PPN", "retur SP2D", "addendum kontrak",
		"rekonsiliasi SAIBA", "penggantian bendahara", "supplier belum terdaftar", "tunjangan kinerja", "hibah langsung uang"}
	cats := []string{"pembayaran", "sakti", "pajak", "pembayaran", "kontrak", "pelaporan", "bendahara", "supplier", "gaji", "hibah"}
	for i := 0; i < resolved+open; i++ {
		k := i % len(subjects)
		c := o.create(store.ChannelTelepon, cats[k], fmt.Sprintf("Pertanyaan %d tentang %s satker %d", i, subjects[k], i%97))
		if i < resolved {
			o.act(o.cso.ID, store.ConsultationAction{ID: c.ID, To: store.CSOResolved,
				Answer: fmt.Sprintf("Jawaban %d: untuk %s ikuti juknis terbaru dan periksa data referensi.", i, subjects[k])})
		}
		o.tick(time.Minute)
	}
	return o
}

// BenchmarkSuggestAnswers is the live look-up while the CSO types a
// question, over 2,000 resolved answers (target: well under the 400 ms
// typing pause, so suggestions feel instant).
//
// Figure: ns/op, one look-up of five suggestions.
func BenchmarkSuggestAnswers(b *testing.B) {
	o := csoBenchOffice(b, 2000, 0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := o.st.SuggestAnswers(o.ctx, "kode billing PPN tidak terbaca", 5)
		if err != nil || len(s) == 0 {
			b.Fatal(err, len(s))
		}
	}
}

// BenchmarkOpenConsultations is the CSO board's main read (with the
// working-day schedule for the progress flags): 150 open items beside
// 2,000 finished ones.
//
// Figure: ns/op, one read of the open board.
func BenchmarkOpenConsultations(b *testing.B) {
	o := csoBenchOffice(b, 2000, 150)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		list, err := o.st.OpenConsultations(o.ctx)
		if err != nil || len(list) != 150 {
			b.Fatal(err, len(list))
		}
	}
}
