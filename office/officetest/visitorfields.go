package officetest

import (
	"reflect"
	"testing"

	"loket/office"
	"loket/store"
)

// testVisitorFields: the admin sets which visitor fields a service's
// registration asks; a counter officer cannot; a registration keeps only
// those fields and requires the phone only where it is asked.
func testVisitorFields(t *testing.T, f Factory) {
	fx := setup(t, f)
	d := fx.svcs["D"]
	d.VisitorFields = []string{store.FieldEmail, store.FieldName}
	_, err := fx.svc.SaveService(fx.ctx, fx.offs["fo1"].ID, d)
	wantCode(t, err, "forbidden")
	d, err = fx.svc.SaveService(fx.ctx, fx.admin.ID, d)
	fx.must(err)
	svcs, err := fx.svc.Services(fx.ctx)
	fx.must(err)
	for _, sv := range svcs {
		if sv.ID == d.ID && !reflect.DeepEqual(sv.VisitorFields, []string{store.FieldName, store.FieldEmail}) {
			t.Fatalf("service D asks %v", sv.VisitorFields)
		}
	}
	sess := fx.open("fo1", 1, "D")
	tk := fx.issue("D", "")
	fx.callNext(sess)
	r, err := fx.svc.CreateReceipt(fx.ctx, sess.ID, office.ReceiptInput{TicketID: tk.ID, Purpose: "Permintaan informasi",
		Visitor: store.Visitor{Name: "Andi", SatkerCode: "409294", Phone: "081355556666", IDNumber: "3171012345670001",
			Email: "andi@contoh.id"}})
	fx.must(err)
	p, err := fx.svc.PersonalData(fx.ctx, fx.admin.ID, "", store.PersonQuery{Email: "andi@contoh.id"})
	fx.must(err)
	if len(p) != 1 || p[0].Visitor.ID != r.Visitor.ID {
		t.Fatalf("person by email: %+v", p)
	}
	if v := p[0].Visitor; v.Name != "Andi" || v.Phone != "" || v.IDNumber != "" || v.SatkerCode != "" {
		t.Fatalf("fields the service does not ask were stored: %+v", v)
	}
}
