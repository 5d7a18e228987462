package office

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loket/store"
)

// Setup is what the first-run dialog collects.
type Setup struct {
	Office        store.Office
	AdminUsername string
	AdminName     string
	AdminPassword string
	// Demo adds example services, counters and officers so a new office
	// can try the queue at once (all editable later in the admin screen).
	Demo bool
}

// DemoPassword is the password of the demo officers created by FirstRun.
const DemoPassword = "loket123"

// DemoOffice is the office the first-run dialog proposes.
func DemoOffice() store.Office {
	return store.Office{
		Code:    "KPPN019",
		Name:    "KPPN Pekanbaru",
		Address: "Jl. Sudirman No. 249, Pekanbaru 28116",
		Phone:   "(0761) 22847",
		Zone:    "Asia/Jakarta",
		// Two priority-lane calls per normal one; nobody waits over an hour
		// without jumping ahead.
		PriorityRatio: 2,
		NormalRatio:   1,
		MaxWait:       time.Hour,
	}
}

// Validate checks what a set-up would write, in the order the first-run
// form shows it, and says the first thing wrong in Indonesian. The
// first-run form and `loket setup` share it.
func (s *Setup) Validate() error {
	o := s.Office
	if err := o.Validate(); err != nil {
		return err
	}
	if err := store.ValidateUsername(s.AdminUsername); err != nil {
		return err
	}
	if strings.TrimSpace(s.AdminName) == "" {
		return &store.Error{Code: "invalid", Message: "Nama lengkap admin wajib diisi."}
	}
	if len(s.AdminPassword) < 6 {
		return &store.Error{Code: "invalid", Message: "Kata sandi admin minimal 6 karakter."}
	}
	return nil
}

// FirstRun sets up a new office: the office record, its first admin and,
// when asked, demo data. It returns the admin.
func FirstRun(ctx context.Context, svc Service, s Setup) (store.Officer, error) {
	if _, err := svc.Office(ctx); err == nil {
		return store.Officer{}, &store.Error{Code: "exists", Message: "Kantor sudah diatur sebelumnya."}
	}
	// Everything is checked before anything is written, so a bad
	// username or password leaves no half-made office behind (the office
	// code can never change once saved).
	if err := s.Validate(); err != nil {
		return store.Officer{}, err
	}
	if _, err := svc.SaveOffice(ctx, "", s.Office); err != nil {
		return store.Officer{}, err
	}
	admin, err := svc.SaveOfficer(ctx, "", store.Officer{Username: s.AdminUsername, FullName: s.AdminName,
		Role: store.RoleAdmin, Active: true}, s.AdminPassword)
	if err != nil {
		return admin, err
	}
	// From here on the admin acts: over the hub that needs the admin's
	// login on this device (the hub takes the actor from it).
	if _, err := svc.Login(ctx, s.AdminUsername, s.AdminPassword); err != nil {
		return admin, err
	}
	if err := importDefaultHolidays(ctx, svc, admin.ID); err != nil {
		return admin, err
	}
	if err := importDefaultCatalog(ctx, svc, admin.ID); err != nil {
		return admin, err
	}
	if s.Demo {
		if err := SeedDemo(ctx, svc, admin.ID); err != nil {
			return admin, err
		}
	}
	return admin, nil
}

// SeedDemo adds the demo services, counters and officers of a KPPN.
func SeedDemo(ctx context.Context, svc Service, actorID string) error {
	// Each asks only the visitor data it needs (UU 27/2022, minimisation):
	// the SPM desk checks the NIP of the satker's appointed officer and
	// sends its notices by email; whoever collects a document shows their
	// NIP/NIK; a complaint or an information request (the public, often
	// without a satker) is answered by phone or email.
	const (
		nm, sk, id, ph, em = store.FieldName, store.FieldSatker, store.FieldIDNumber, store.FieldPhone, store.FieldEmail
	)
	services := []store.Service{
		{Prefix: "A", Name: "Penyampaian Dokumen / SPM", Active: true, SortOrder: 1, VisitorFields: []string{nm, sk, id, ph, em}},
		{Prefix: "B", Name: "Konsultasi Stakeholder (CSO)", Active: true, SortOrder: 2, VisitorFields: []string{nm, sk, ph}},
		{Prefix: "C", Name: "Pengambilan Dokumen Hasil Layanan", Active: true, SortOrder: 3, VisitorFields: []string{nm, sk, id, ph}},
		{Prefix: "D", Name: "Pengaduan dan Informasi", Active: true, SortOrder: 4, VisitorFields: []string{nm, ph, em}},
	}
	// Link the demo services to standards in the seed catalog: the KPPN
	// consultation standard, and (the seeds have no KPPN front-office
	// standard) the Biro Umum SPM and public-information standards.
	if cat, err := svc.Catalog(ctx); err == nil {
		for _, e := range cat {
			switch {
			case strings.Contains(e.Unit, "Pekanbaru") && strings.Contains(e.Name, "Konsultasi"):
				services[1].CatalogRef = e.Key
			case strings.HasPrefix(e.Name, "Penerbitan Surat Perintah Membayar"):
				services[0].CatalogRef = e.Key
			case e.Name == "Layanan Permintaan Informasi Publik":
				services[3].CatalogRef = e.Key
			}
		}
	}
	for _, sv := range services {
		if _, err := svc.SaveService(ctx, actorID, sv); err != nil {
			return fmt.Errorf("office: demo service %s: %w", sv.Prefix, err)
		}
	}
	for i := 1; i <= 4; i++ {
		if _, err := svc.SaveCounter(ctx, actorID, store.Counter{Number: i, Active: true}); err != nil {
			return fmt.Errorf("office: demo counter %d: %w", i, err)
		}
	}
	satkers := "kode,nama\n409294,Sekretariat Jenderal Kementerian Keuangan\n" +
		"999001,Satker Contoh Dinas Pendidikan Provinsi Riau\n999002,Satker Contoh Universitas Negeri Riau\n"
	if _, err := svc.ImportSatkers(ctx, actorID, []byte(satkers)); err != nil {
		return fmt.Errorf("office: demo satkers: %w", err)
	}
	officers := []store.Officer{
		{Username: "fo1", FullName: "Rina Marlina", NIP: "198805122010012003", Role: store.RoleFO, Active: true},
		{Username: "fo2", FullName: "Dedi Kurniawan", NIP: "199002172012101001", Role: store.RoleFO, Active: true},
		{Username: "cso1", FullName: "Siti Rahmawati", NIP: "198711042009122002", Role: store.RoleCSO, Active: true},
		{Username: "kasi1", FullName: "Ahmad Fauzi", NIP: "197906302003121001", Role: store.RoleKasi, Active: true},
	}
	for _, o := range officers {
		if _, err := svc.SaveOfficer(ctx, actorID, o, DemoPassword); err != nil {
			return fmt.Errorf("office: demo officer %s: %w", o.Username, err)
		}
	}
	return nil
}
