package central

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"
)

// Backups encrypted at rest (UU 27/2022 ps. 35: a backup holds every
// visitor's NIK and phone number; a lost USB disk must not leak them).
// With filippo.io/age, the office chooses its key:
//   - an X25519 key pair (`loket backup --kunci-baru FILE`): the public
//     half (age1...) goes into the sync config so the nightly backup is
//     encrypted unattended; the secret half (AGE-SECRET-KEY-...) is kept
//     by the office away from this PC and asked for at restore;
//   - or a passphrase (age scrypt) for a backup made by hand.
// Without the key an encrypted backup cannot be restored by anyone,
// Loket's makers included.

// EncryptedSuffix ends the name of an encrypted backup (loket-...db.age).
const EncryptedSuffix = ".age"

// ErrBackupKey: the key given does not open the backup.
var ErrBackupKey = &Error{Message: "Kunci cadangan salah: berkas kunci atau kata sandi ini tidak membuka cadangan tersebut."}

// ErrBackupNeedsKey: an encrypted backup was restored without a key.
var ErrBackupNeedsKey = &Error{Message: "Cadangan ini terenkripsi. Sebutkan berkas kunci cadangan kantor (--kunci) atau kata sandinya (--sandi)."}

// NewBackupKey makes a new X25519 key pair: identity is the secret the
// office keeps (the whole text of the key file), recipient the public
// key for the sync config.
func NewBackupKey() (identity, recipient string, err error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", "", fmt.Errorf("central: backup key: %w", err)
	}
	return "# Kunci cadangan Loket. Simpan di luar komputer ini; tanpa kunci ini cadangan tidak dapat dipulihkan.\n" +
		"# public key: " + id.Recipient().String() + "\n" + id.String() + "\n", id.Recipient().String(), nil
}

// ParseBackupRecipient reads the public key of the office's backup key
// ("age1...").
func ParseBackupRecipient(s string) (age.Recipient, error) {
	r, err := age.ParseX25519Recipient(strings.TrimSpace(s))
	if err != nil {
		return nil, &Error{Message: "Kunci publik cadangan tidak valid (harus diawali age1...).", Err: err}
	}
	return r, nil
}

// PassphraseRecipient encrypts with a passphrase (age scrypt). A
// passphrase shorter than 12 characters is refused: the backup may be read
// offline at leisure.
func PassphraseRecipient(pass string) (age.Recipient, error) {
	if len([]rune(strings.TrimSpace(pass))) < 12 {
		return nil, &Error{Message: "Kata sandi cadangan minimal 12 karakter."}
	}
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		return nil, &Error{Message: "Kata sandi cadangan tidak dapat dipakai.", Err: err}
	}
	return r, nil
}

// BackupIdentities reads the key that opens a backup: the text of an
// identity file (AGE-SECRET-KEY-...) or else a passphrase.
func BackupIdentities(keyFileText, passphrase string) ([]age.Identity, error) {
	if strings.Contains(keyFileText, "AGE-SECRET-KEY-") {
		ids, err := age.ParseIdentities(strings.NewReader(keyFileText))
		if err != nil {
			return nil, &Error{Message: "Berkas kunci cadangan tidak dapat dibaca.", Err: err}
		}
		return ids, nil
	}
	if passphrase == "" {
		return nil, ErrBackupNeedsKey
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, &Error{Message: "Kata sandi cadangan tidak dapat dipakai.", Err: err}
	}
	return []age.Identity{id}, nil
}

// encryptFile writes src encrypted to dst (0600), synced.
func encryptFile(src, dst string, recipients ...age.Recipient) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	err = writeFile0600(dst, func(out io.Writer) error {
		w, err := age.Encrypt(out, recipients...)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, in)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		os.Remove(dst)
	}
	return err
}

// decryptFile writes the plaintext of the encrypted src to dst (0600).
func decryptFile(src, dst string, ids ...age.Identity) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	r, err := age.Decrypt(in, ids...)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) || strings.Contains(err.Error(), "incorrect") {
			return ErrBackupKey
		}
		return fmt.Errorf("central: backup decrypt: %w", err)
	}
	var copyErr error
	err = writeFile0600(dst, func(out io.Writer) error {
		_, copyErr = io.Copy(out, r)
		return copyErr
	})
	if copyErr != nil {
		os.Remove(dst)
		return fmt.Errorf("central: backup decrypt: %w", copyErr)
	}
	return err
}

// IsEncryptedBackup reports whether path is an age file (by its header,
// not only its name).
func IsEncryptedBackup(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 22)
	n, _ := io.ReadFull(f, head)
	return bytes.HasPrefix(head[:n], []byte("age-encryption.org/v1"))
}

// RestoreEncrypted restores a backup that may be encrypted: an encrypted
// one is opened with ids into a file beside dbPath, checked and restored
// as Restore does; the plaintext copy is removed afterwards.
func RestoreEncrypted(backupPath, dbPath string, ids []age.Identity) error {
	if !IsEncryptedBackup(backupPath) {
		return Restore(backupPath, dbPath)
	}
	if len(ids) == 0 {
		return ErrBackupNeedsKey
	}
	if err := checkNotInUse(context.Background(), dbPath); err != nil {
		return err
	}
	plain := dbPath + ".pulih-dekripsi"
	defer removeStore(plain)
	if err := decryptFile(backupPath, plain, ids...); err != nil {
		return err
	}
	return Restore(plain, dbPath)
}

// BackupRecipients is the configured backup key, if any. A key that
// cannot be read stops the backup rather than writing it in the clear.
func (c Config) BackupRecipients() ([]age.Recipient, error) {
	if strings.TrimSpace(c.BackupRecipient) == "" {
		return nil, nil
	}
	r, err := ParseBackupRecipient(c.BackupRecipient)
	if err != nil {
		return nil, err
	}
	return []age.Recipient{r}, nil
}
