package standards

import (
	"reflect"
	"testing"
)

func TestDiff(t *testing.T) {
	old, _ := parseSeed(t, "001")
	if got := Diff(old, old); len(got) != 0 {
		t.Fatalf("a document compared with itself: %+v", got)
	}
	nw := old
	nw.Services = append([]Service(nil), old.Services[1:]...) // service 1 removed
	s := nw.Services[0]
	s.Components = map[string]string{}
	for k, v := range old.Services[1].Components {
		s.Components[k] = v
	}
	s.Components[KeyJangkaWaktu] = "2 hari kerja"
	s.Components[KeyBiaya] = "Rp 10.000"
	s.Name = "  pengelolaan RUANG pertemuan serta ruang rapat yang dikelola oleh Biro Umum Sekretariat Jenderal Kementerian Keuangan"
	nw.Services[0] = s
	nw.Services = append(nw.Services, Service{Number: 48, Name: "Layanan Baru"})
	got := Diff(old, nw)
	want := []Change{
		{Kind: Changed, Name: s.Name, OldNumber: 2, NewNumber: 2, Components: []string{"nama", KeyJangkaWaktu, KeyBiaya}},
		{Kind: Added, Name: "Layanan Baru", NewNumber: 48},
		{Kind: Removed, Name: old.Services[0].Name, OldNumber: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff = %+v\nwant %+v", got, want)
	}
}
