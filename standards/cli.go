package standards

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

const usage = `Penggunaan: loket standards parse BERKAS...

Membaca dokumen Standar Pelayanan dan mencetak katalog layanannya sebagai
satu dokumen JSON (skema: standards/SCHEMA.md).

BERKAS boleh berupa teks (UTF-8, UTF-16, Windows-1252; .txt, .md, .html,
.tsv), PDF yang teksnya dapat dipilih, atau dokumen Word .docx. Jenisnya
dikenali dari isinya, bukan dari nama berkas.

Peringatan ditulis ke stderr. Kode keluar: 0 berhasil; 2 cara pakai salah
atau berkas tidak dapat dibaca (kosong, rusak, PDF hasil pindaian atau
berkata sandi, bukan dokumen); 1 keluaran gagal ditulis.
`

// cliOutput is the JSON document printed by `loket standards parse`.
type cliOutput struct {
	Documents []Document `json:"documents"`
}

// RunCLI runs the `loket standards` verb. args exclude "standards" itself, so
// args[0] is the sub-command; today only "parse FILE..." exists. It returns
// the process exit code: 0 on success, 1 when output cannot be written, 2 for
// wrong usage or a file that cannot be read (empty, damaged, a scanned or
// encrypted PDF, not a document). "parse --help" prints the usage to stdout. Warnings go to stderr, one per
// line, prefixed with the file name; they do not change the exit code.
func RunCLI(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] != "parse" {
		fmt.Fprintf(stderr, "standards: perintah %q tidak dikenal.\n\n%s", args[0], usage)
		return 2
	}
	files := args[1:]
	for _, f := range files {
		if f == "-h" || f == "--help" || f == "help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "standards: sebutkan minimal satu berkas untuk dibaca.\n\n%s", usage)
		return 2
	}
	out := cliOutput{Documents: make([]Document, 0, len(files))}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "standards: berkas %s tidak dapat dibaca: %v.\n", f, err)
			return 2
		}
		base := filepath.Base(f)
		doc, warnings, err := Parse(base, data)
		if err != nil {
			fmt.Fprintf(stderr, "standards: berkas %s tidak dapat dibaca: %v.\n", f, err)
			return 2
		}
		for _, w := range warnings {
			fmt.Fprintf(stderr, "%s: peringatan: %s\n", base, w)
		}
		out.Documents = append(out.Documents, doc)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "standards: gagal menulis keluaran: %v\n", err)
		return 1
	}
	return 0
}
