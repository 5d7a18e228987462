package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The centre refuses, before storing it, a holiday calendar or a catalog
// document the offices would refuse, and takes a valid one.
func TestUpdateIsCheckedBeforeItIsPushed(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	data := filepath.Join(dir, "pusat")
	tests := []struct {
		name, kind, file, wantErr string
	}{
		{"bad date", "holidays", write("rusak.csv", "tanggal,jenis,keterangan\n2027-02-30,libur_nasional,X\n"), "tidak valid"},
		{"no header", "holidays", write("tanpa-judul.csv", "2027-01-01,libur_nasional,Tahun Baru\n"), "baris judul"},
		{"not a standard", "catalog", write("bukan.txt", "Daftar belanja kantor: kertas, tinta, map.\n"), "tidak dikirim"},
		// Excel on Windows: Windows-1252 with an en dash.
		{"valid", "holidays", write("skb-2027.csv", "tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru 2027 \x96 Masehi\n"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run([]string{"update", tt.kind, tt.file, "--data", data})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("valid update refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
	if err := run([]string{"karantina", "--data", data}); err != nil {
		t.Fatal(err)
	}
}
