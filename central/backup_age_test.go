package central_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"loket/central"
	"loket/store"
)

// An encrypted backup restores only with the office's key: not without
// one, not with another office's key or a wrong passphrase, and what the
// backup file holds on disk is not readable as SQLite (no NIK in the clear).
func TestEncryptedBackupRestoresOnlyWithKey(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "loket.db")
	st, err := store.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveOffice(ctx, "", store.Office{Code: "KPPN019", Name: "KPPN Pekanbaru", Zone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
	fo, err := st.SaveOfficer(ctx, "", store.Officer{Username: "cso1", FullName: "Siti", Role: store.RoleCSO, Active: true}, "rahasia1")
	if err != nil {
		t.Fatal(err)
	}
	const nik = "3171012345670001"
	if _, err := st.CreateConsultation(ctx, store.Consultation{Channel: "telepon", Category: "sakti", Question: "Akun terblokir",
		OfficerID: fo.ID, Visitor: store.Visitor{Name: "Budi Santoso", Phone: "081311112222", IDNumber: nik}}); err != nil {
		t.Fatal(err)
	}

	idText, recipient, err := central.NewBackupKey()
	if err != nil {
		t.Fatal(err)
	}
	otherText, _, _ := central.NewBackupKey()
	r, err := central.ParseBackupRecipient(recipient)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := central.ParseBackupRecipient("bukan-kunci"); err == nil {
		t.Fatal("bad public key accepted")
	}
	if _, err := central.PassphraseRecipient("pendek"); err == nil {
		t.Fatal("short passphrase accepted")
	}
	pr, err := central.PassphraseRecipient("kunci cadangan kantor 2026")
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name      string
		recipient age.Recipient
		right     func() ([]age.Identity, error)
		wrong     func() ([]age.Identity, error)
	}{
		{"key file", r,
			func() ([]age.Identity, error) { return central.BackupIdentities(idText, "") },
			func() ([]age.Identity, error) { return central.BackupIdentities(otherText, "") }},
		{"passphrase", pr,
			func() ([]age.Identity, error) { return central.BackupIdentities("", "kunci cadangan kantor 2026") },
			func() ([]age.Identity, error) { return central.BackupIdentities("", "kunci cadangan kantor 2025") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			bdir := t.TempDir()
			path, err := central.Backup(ctx, st, bdir, 3, c.recipient)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(path, ".db.age") || !central.IsEncryptedBackup(path) {
				t.Fatalf("backup %s is not encrypted", path)
			}
			if list, _ := central.Backups(bdir); len(list) != 1 || list[0] != path {
				t.Fatalf("backup list %v, want only %s", list, path)
			}
			raw, _ := os.ReadFile(path)
			if strings.Contains(string(raw), nik) || strings.Contains(string(raw), "SQLite format") {
				t.Fatal("the backup file holds the store in the clear")
			}
			dst := filepath.Join(t.TempDir(), "pulih.db")
			if err := central.Restore(path, dst); !errors.Is(err, central.ErrBackupNeedsKey) {
				t.Fatalf("restore without key: %v", err)
			}
			if err := central.RestoreEncrypted(path, dst, nil); !errors.Is(err, central.ErrBackupNeedsKey) {
				t.Fatalf("restore with no identity: %v", err)
			}
			wrong, err := c.wrong()
			if err != nil {
				t.Fatal(err)
			}
			if err := central.RestoreEncrypted(path, dst, wrong); !errors.Is(err, central.ErrBackupKey) {
				t.Fatalf("restore with a wrong key: %v", err)
			}
			if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("a refused restore left a store behind")
			}
			right, err := c.right()
			if err != nil {
				t.Fatal(err)
			}
			if err := central.RestoreEncrypted(path, dst, right); err != nil {
				t.Fatalf("restore with the key: %v", err)
			}
			got, err := store.Open(dst)
			if err != nil {
				t.Fatal(err)
			}
			defer got.Close()
			ps, err := got.FindPersons(ctx, store.PersonQuery{IDNumber: nik})
			if err != nil || len(ps) != 1 || ps[0].Name != "Budi Santoso" {
				t.Fatalf("restored store: %v %v", ps, err)
			}
			if _, err := os.Stat(dst + ".pulih-dekripsi"); !errors.Is(err, os.ErrNotExist) {
				t.Fatal("the decrypted copy was left beside the store")
			}
		})
	}
}
