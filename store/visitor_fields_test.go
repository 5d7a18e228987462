package store_test

import (
	"context"
	"reflect"
	"testing"

	"loket/store"
)

// A service asks only the visitor fields its admin chose: the default is
// name, satker and phone; fields it does not ask are not stored for a new
// visitor, and a returning visitor keeps what another service asked.
func TestServiceVisitorFields(t *testing.T) {
	ctx := context.Background()
	st, svcs, _, fo := newOffice(t, "A", "B")
	if got := svcs[0].VisitorFields; !reflect.DeepEqual(got, store.DefaultVisitorFields) {
		t.Fatalf("a new service asks %v, want the default %v", got, store.DefaultVisitorFields)
	}
	// B asks NIK and email but not the phone; the order is the form's.
	b := svcs[1]
	b.VisitorFields = []string{"email", "nik", "satker"}
	b, err := st.SaveService(ctx, "", b)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Service(ctx, b.ID); !reflect.DeepEqual(got.VisitorFields, []string{"name", "satker", "nik", "email"}) {
		t.Fatalf("service B reads back %v", got.VisitorFields)
	}
	bad := svcs[0]
	bad.VisitorFields = []string{"phone", "alamat"}
	if _, err := st.SaveService(ctx, "", bad); store.Message(err) == "" || err == nil {
		t.Fatalf("an unknown field was accepted: %v", err)
	}

	siti := store.Visitor{SatkerCode: "409294", Name: "Siti Aminah", Phone: "081298765432",
		IDNumber: "198501012010012003", Email: "siti@contoh.go.id"}
	cases := []struct {
		name    string
		service store.Service
		visitor store.Visitor
		wantErr bool
		want    store.Visitor // fields stored
	}{
		{"default drops NIK and email", svcs[0], siti, false,
			store.Visitor{SatkerCode: "409294", Name: "Siti Aminah", Phone: "081298765432"}},
		{"default needs the phone", svcs[0], store.Visitor{Name: "Budi"}, true, store.Visitor{}},
		{"B needs no phone and keeps none", b, store.Visitor{Name: "Budi", Phone: "081311112222", IDNumber: "3171012345670001"}, false,
			store.Visitor{Name: "Budi", IDNumber: "3171012345670001"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := st.CreateReceipt(ctx, store.Receipt{ServiceID: c.service.ID, OfficerID: fo.ID, Purpose: "SPM", Visitor: c.visitor})
			if c.wantErr {
				if err == nil {
					t.Fatal("saved without a required field")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			p, err := st.PersonData(ctx, r.Visitor.ID)
			if err != nil {
				t.Fatal(err)
			}
			got := p.Visitor
			if got.Name != c.want.Name || got.SatkerCode != c.want.SatkerCode || got.Phone != c.want.Phone ||
				got.IDNumber != c.want.IDNumber || got.Email != c.want.Email {
				t.Fatalf("stored %+v, want %+v", got, c.want)
			}
		})
	}

	// Siti returns for B: her phone (not asked by B) stays, her NIK and
	// email (asked) are written.
	r1, err := st.CreateReceipt(ctx, store.Receipt{ServiceID: svcs[0].ID, OfficerID: fo.ID, Purpose: "SPM",
		Visitor: store.Visitor{SatkerCode: "409295", Name: "Siti", Phone: "081200001111"}})
	if err != nil {
		t.Fatal(err)
	}
	back := store.Visitor{ID: r1.Visitor.ID, SatkerCode: "409295", Name: "Siti", IDNumber: "198501012010012003", Email: "siti@contoh.go.id"}
	if _, err := st.CreateReceipt(ctx, store.Receipt{ServiceID: b.ID, OfficerID: fo.ID, Purpose: "Konsultasi", Visitor: back}); err != nil {
		t.Fatal(err)
	}
	p, err := st.PersonData(ctx, r1.Visitor.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v := p.Visitor; v.Phone != "081200001111" || v.IDNumber != "198501012010012003" || v.Email != "siti@contoh.go.id" {
		t.Fatalf("returning visitor stored as %+v", v)
	}
}
