package central_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"loket/central"
	"loket/store"
)

// The centre keeps the offices' personal data duties: a person erased at
// their office is erased at the centre by the next sync (visitor, receipts,
// consultations, their notes and call backs), and the centre's retention
// pass pseudonymises what is past its period; ticket records, counts and
// the centre's report stay as they were. Both backends.
func TestCentreErasureAndRetention(t *testing.T) {
	for _, be := range backends {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			o := newOffice(t, "KPPN019")
			h := newHub(t, be, o.code, nil)
			o.traffic(t, 3)
			var cso store.Officer
			o.st.DB().QueryRow(`SELECT id FROM officers`).Scan(&cso.ID)
			mk := func(name, phone, nik string) store.Consultation {
				c, err := o.st.CreateConsultation(ctx, store.Consultation{Channel: "telepon", Category: "sakti",
					Question: "Akun SAKTI terblokir", Identification: name + " lupa sandi", OfficerID: cso.ID,
					Visitor: store.Visitor{Name: name, Phone: phone, IDNumber: nik}})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := o.st.AddConsultationNote(ctx, cso.ID, c.ID, "Sudah ditelepon "+name); err != nil {
					t.Fatal(err)
				}
				return c
			}
			budi := mk("Budi Santoso", "081311112222", "3171012345670001")
			ani := mk("Ani Lestari", "085277778888", "3171012345670002")
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			record := func(table, id string) string {
				t.Helper()
				r, err := h.db.Record(ctx, o.code, table, id)
				if err != nil {
					t.Fatalf("%s %s at the centre: %v", table, id, err)
				}
				return string(r.Data)
			}
			if v := record("visitors", budi.Visitor.ID); !strings.Contains(v, "3171012345670001") {
				t.Fatalf("the centre never held the visitor: %s", v)
			}
			repBefore, err := h.db.Report(ctx, "2000-01-01", "2100-01-01")
			if err != nil {
				t.Fatal(err)
			}

			if err := o.st.ErasePerson(ctx, "", budi.Visitor.ID, "Permohonan 4/2026"); err != nil {
				t.Fatal(err)
			}
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			for _, leak := range []string{"Budi", "081311112222", "3171012345670001"} {
				if v := record("visitors", budi.Visitor.ID); strings.Contains(v, leak) {
					t.Errorf("erased visitor still at the centre (%s): %s", leak, v)
				}
				if v := record("consultations", budi.ID); strings.Contains(v, leak) {
					t.Errorf("erased person's consultation at the centre (%s): %s", leak, v)
				}
			}
			var notes []string
			rows, _ := o.st.DB().Query(`SELECT id FROM consultation_notes WHERE consultation_id = ?`, budi.ID)
			for rows.Next() {
				var id string
				rows.Scan(&id)
				notes = append(notes, id)
			}
			rows.Close()
			if len(notes) == 0 {
				t.Fatal("no notes to check")
			}
			for _, id := range notes {
				if v := record("consultation_notes", id); strings.Contains(v, "Budi") {
					t.Errorf("erased person's note at the centre: %s", v)
				}
			}
			if v := record("visitors", ani.Visitor.ID); !strings.Contains(v, "Ani Lestari") {
				t.Errorf("another person was erased at the centre: %s", v)
			}

			// Retention at the centre: nothing is due today, all of it in six years.
			if n, err := central.PurgeCentre(ctx, h.db, time.Now(), nil); err != nil || n != 0 {
				t.Fatalf("fresh records purged at the centre: %d %v", n, err)
			}
			// The office keeps contacts 60 days (its own setting, shipped
			// by the sync): in 90 days the centre has dropped Ani's phone
			// but, under the 2-year identity period, still has her name.
			if err := o.st.SaveSetting(ctx, "", store.RetentionSettingKey(store.PDContact), "60"); err != nil {
				t.Fatal(err)
			}
			if _, err := central.Sync(ctx, o.st, h.cfg, store.TrigCLI, nil); err != nil {
				t.Fatal(err)
			}
			if n, err := central.PurgeCentre(ctx, h.db, time.Now().AddDate(0, 0, 90), nil); err != nil || n == 0 {
				t.Fatalf("the office's 60-day contact period not applied at the centre: %d %v", n, err)
			}
			if v := record("visitors", ani.Visitor.ID); strings.Contains(v, "085277778888") || !strings.Contains(v, "Ani Lestari") {
				t.Fatalf("after 90 days with a 60-day contact period the centre holds %s", v)
			}
			n, err := central.PurgeCentre(ctx, h.db, time.Now().AddDate(6, 0, 0), nil)
			if err != nil || n == 0 {
				t.Fatalf("centre retention: %d %v", n, err)
			}
			raw := record("visitors", ani.Visitor.ID)
			var m map[string]any
			json.Unmarshal([]byte(raw), &m)
			if m["name"] != store.ErasedName || m["phone"] != "" || m["id_number"] != "" {
				t.Fatalf("centre retention left %s", raw)
			}
			if n, _ := central.PurgeCentre(ctx, h.db, time.Now().AddDate(6, 0, 0), nil); n != 0 {
				t.Fatalf("second centre pass changed %d records", n)
			}
			repAfter, err := h.db.Report(ctx, "2000-01-01", "2100-01-01")
			if err != nil {
				t.Fatal(err)
			}
			b1, _ := json.Marshal(repBefore)
			b2, _ := json.Marshal(repAfter)
			if string(b1) != string(b2) {
				t.Errorf("centre report changed:\n%s\n%s", b1, b2)
			}
			verify(t, h.db, o)
		})
	}
}
