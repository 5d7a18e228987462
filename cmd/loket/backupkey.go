package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"filippo.io/age"

	"loket/central"
)

// backupKeyWarning is said before a backup key is made, and on the admin
// screen: what losing it means.
const backupKeyWarning = `PERHATIAN: cadangan yang terenkripsi hanya dapat dipulihkan dengan kunci ini.
Jika berkas kunci hilang (dan tidak ada salinannya), SEMUA cadangan terenkripsi tidak dapat dibuka oleh siapa pun,
termasuk pembuat Loket. Simpan berkas kunci di luar komputer ini (mis. dua flashdisk di lemari terkunci berbeda)
dan catat di mana; jangan simpan di folder cadangan.`

// runNewBackupKey is `loket backup --kunci-baru FILE`: a new X25519 key
// pair, the secret written to FILE (never over an existing file), the
// public half saved in the sync config so every later backup (nightly
// included) is encrypted.
func runNewBackupKey(ctl *central.Control, cfg central.Config, path string, stdout, stderr io.Writer) int {
	idText, recipient, err := central.NewBackupKey()
	if err != nil {
		fmt.Fprintln(stderr, central.Message(err))
		return 1
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "Berkas %s sudah ada; kunci lama tidak ditimpa. Pilih nama lain.\n", path)
		} else {
			fmt.Fprintf(stderr, "Berkas kunci tidak dapat dibuat: %v\n", err)
		}
		return 1
	}
	_, err = f.WriteString(idText)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		fmt.Fprintf(stderr, "Berkas kunci tidak dapat ditulis: %v\n", err)
		return 1
	}
	cfg.BackupRecipient = recipient
	cfg.Token = "" // keep the stored token
	if err := ctl.SaveConfig(cfg); err != nil {
		os.Remove(path)
		fmt.Fprintln(stderr, central.Message(err))
		return 1
	}
	fmt.Fprintf(stdout, "Kunci cadangan dibuat: %s\nKunci publik (di pengaturan): %s\nMulai sekarang setiap cadangan dienkripsi.\n\n%s\n",
		path, recipient, backupKeyWarning)
	return 0
}

// restoreIdentities reads the key of `loket restore`: a key file, or a
// passphrase from standard input.
func restoreIdentities(keyFile string, pass bool) ([]age.Identity, error) {
	switch {
	case keyFile != "":
		b, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, &central.Error{Message: "Berkas kunci cadangan tidak dapat dibaca: " + keyFile, Err: err}
		}
		return central.BackupIdentities(string(b), "")
	case pass:
		p, err := readSecret(stdin)
		if err != nil {
			return nil, err
		}
		return central.BackupIdentities("", p)
	}
	return nil, nil
}

// readSecret reads one line (a passphrase) from r.
func readSecret(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", &central.Error{Message: "Kata sandi cadangan dibaca dari masukan standar, dan kosong."}
	}
	return line, nil
}
