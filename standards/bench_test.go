package standards

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
)

// bigDocument writes a free-text standard of at least size bytes: a list of
// the services first, then each service with its components on their own
// lines, a page header every few services, and a long Prosedur.
func bigDocument(size int) (string, int) {
	var b strings.Builder
	b.Grow(size + 64<<10)
	b.WriteString("KANTOR PELAYANAN CONTOH BESAR\nJl. Contoh Nomor 1 Kota Contoh\n\n")
	step := strings.Repeat("Petugas memeriksa kelengkapan berkas, mencatat permohonan pada aplikasi, dan meneruskan kepada pejabat yang berwenang untuk ditandatangani. ", 50)
	n := 0
	for b.Len() < size {
		n++
		if n%5 == 0 {
			b.WriteString("KANTOR PELAYANAN CONTOH BESAR\nJl. Contoh Nomor 1 Kota Contoh\n")
		}
		fmt.Fprintf(&b, "%d. Layanan Penerbitan Dokumen Nomor %d\nPersyaratan\nPersyaratan layanan sebagai berikut:\na. Surat permohonan;\nb. Identitas pemohon;\nc. Dokumen pendukung nomor %d.\n", n, n, n)
		fmt.Fprintf(&b, "Sistem, Mekanisme dan Prosedur\n1. %s\n2. %s\n", step, step)
		fmt.Fprintf(&b, "Jangka Waktu Pelayanan\n%d (hari) hari kerja sejak berkas dinyatakan lengkap\nBiaya/Tarif\nTidak dipungut biaya\nProduk Pelayanan\nDokumen nomor %d\nPenanganan Pengaduan, Saran, dan Masukan\nSurel pengaduan@contoh.go.id\n\n", n%10+1, n)
	}
	return b.String(), n
}

// peakHeap samples the live heap while f runs.
func peakHeap(f func()) (peak uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			mu.Lock()
			peak = max(peak, sample[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak
}

// BenchmarkParse20MB: a 20 MB document with well over 1,000 services must
// parse in under 2 s and 150 MB; peak-heap-MB includes the 20 MB input.
func BenchmarkParse20MB(b *testing.B) {
	doc, n := bigDocument(20 << 20)
	data := []byte(doc)
	doc = ""
	if n < 1000 {
		b.Fatalf("only %d services generated", n)
	}
	b.SetBytes(int64(len(data)))
	var peak uint64
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		p := peakHeap(func() {
			d, _, err := Parse("besar.txt", data)
			if err != nil || len(d.Services) != n {
				b.Fatalf("%d services (want %d), %v", len(d.Services), n, err)
			}
		})
		peak = max(peak, p)
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "alloc-MB/op")
	b.ReportMetric(float64(n), "services")
}

// BenchmarkParse20MBTable: the tab-separated table layout of seed 003,
// repeated to 20 MB (3,000 services), stays linear too.
func BenchmarkParse20MBTable(b *testing.B) {
	seed := string(mustSeed("003"))
	// the services without the document's own index table, which would
	// otherwise name only the first fifteen
	body := seed[strings.Index(seed, "\n1. Layanan Infrastruktur Jaringan"):]
	var sb strings.Builder
	sb.WriteString(seed[:strings.Index(seed, "\n1. Layanan Infrastruktur Jaringan")])
	for sb.Len() < 20<<20 {
		sb.WriteString(body)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	var peak uint64
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	n := 0
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			d, _, err := Parse("tabel.txt", data)
			if err != nil || len(d.Services) < 1000 {
				b.Fatalf("%d services, %v", len(d.Services), err)
			}
			n = len(d.Services)
		}))
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "alloc-MB/op")
	b.ReportMetric(float64(n), "services")
}

// BenchmarkParseGluedLine: one 1 MB line of run-together table rows (the
// worst case for splitGlued) stays linear.
func BenchmarkParseGluedLine(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, "%d Persyaratan a. Surat; b. KTP.%d Jangka waktu layanan5 hari kerja.%d Biaya /tarif Tidak ada.", i%9+1, i%9+2, i%9+3)
	}
	data := []byte("Jenis Pelayanan : Uji\n" + sb.String() + "\n")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Parse("glued.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
