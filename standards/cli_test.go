package standards

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/assets"
)

func TestRunCLIParseSeeds(t *testing.T) {
	dir := t.TempDir()
	var files []string
	docs := assets.CatalogDocuments()
	for _, n := range assets.CatalogNames() {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, docs[n], 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	var out, errb bytes.Buffer
	if code := RunCLI(append([]string{"parse"}, files...), &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
	// decode into the contract's shape, not our own types
	var got struct {
		Documents []struct {
			Source           string `json:"source"`
			Unit             string `json:"unit"`
			DeclaredServices *int   `json:"declared_services"`
			Services         []struct {
				Number       int                          `json:"number"`
				Name         string                       `json:"name"`
				Requirements []string                     `json:"requirements"`
				FeeFree      *bool                        `json:"fee_free"`
				SLAText      *string                      `json:"sla_text"`
				SLAReducible *bool                        `json:"sla_reducible"`
				SLA          []map[string]json.RawMessage `json:"sla"`
				Components   map[string]string            `json:"components"`
			} `json:"services"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not the documented JSON: %v", err)
	}
	if len(got.Documents) != 5 {
		t.Fatalf("%d documents", len(got.Documents))
	}
	total := 0
	units := map[string]bool{"minute": true, "hour": true, "work_hour": true, "work_day": true, "day": true, "calendar_day": true, "month": true}
	for i, d := range got.Documents {
		if d.Source != assets.CatalogNames()[i] || d.DeclaredServices == nil || d.Services == nil {
			t.Errorf("document %d: source %q declared %v services nil %v", i, d.Source, d.DeclaredServices, d.Services == nil)
		}
		for _, s := range d.Services {
			total++
			if s.FeeFree == nil || s.SLAText == nil || s.SLAReducible == nil || s.Requirements == nil || s.Components == nil || s.SLA == nil {
				t.Errorf("%s #%d: a contract field is missing", d.Source, s.Number)
			}
			for _, v := range s.SLA {
				var min, max struct {
					Value *float64 `json:"value"`
					Unit  string   `json:"unit"`
				}
				json.Unmarshal(v["min"], &min)
				json.Unmarshal(v["max"], &max)
				_, hasLabel := v["label"]
				_, hasApprox := v["approx"]
				_, hasExt := v["extension"]
				if !hasLabel || !hasApprox || !hasExt || min.Value == nil || max.Value == nil || !units[min.Unit] || !units[max.Unit] {
					t.Errorf("%s #%d: malformed SLA variant %v", d.Source, s.Number, v)
				}
			}
		}
	}
	if total != 66 {
		t.Errorf("%d services in all, want 66", total)
	}
	if !strings.Contains(errb.String(), "002_59f0194e5b86e585.txt: peringatan: tidak ada layanan") {
		t.Errorf("missing warning for 002 on stderr: %s", errb.String())
	}
	if !strings.Contains(out.String(), `"extension": {`) || !strings.Contains(out.String(), `"extension": null`) {
		t.Errorf("extension should be an object or null")
	}
}

func TestRunCLIParseHelp(t *testing.T) {
	for _, args := range [][]string{{"parse", "--help"}, {"parse", "-h"}} {
		var out, errb bytes.Buffer
		if code := RunCLI(args, &out, &errb); code != 0 || !strings.Contains(out.String(), "Penggunaan: loket standards parse") ||
			!strings.Contains(out.String(), ".docx") {
			t.Errorf("%q: exit %d, stdout %q", args, code, out.String())
		}
	}
}

// TestRunCLIOfficeFormats: PDF and Word files are documents like any other.
func TestRunCLIOfficeFormats(t *testing.T) {
	var out, errb bytes.Buffer
	args := []string{"parse", filepath.Join("testdata", "office", "table_komponen.pdf"), filepath.Join("testdata", "office", "table_komponen.docx")}
	if code := RunCLI(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got cliOutput
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got.Documents) != 2 ||
		len(got.Documents[0].Services) != 2 || len(got.Documents[1].Services) != 2 {
		t.Fatalf("output %v: %s", err, out.String())
	}
	if !strings.Contains(out.String(), `"requirements_note": "Persyaratan layanan sebagai berikut:"`) {
		t.Errorf("requirements_note missing from the JSON")
	}
}

func TestRunCLIErrors(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "x.pdf")
	os.WriteFile(bin, []byte("%PDF-1.4 ..."), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no args", nil, 2, "Penggunaan"},
		{"unknown verb", []string{"import"}, 2, "tidak dikenal"},
		{"no files", []string{"parse"}, 2, "minimal satu berkas"},
		{"missing file", []string{"parse", filepath.Join(dir, "tidak-ada.txt")}, 2, "tidak dapat dibaca"},
		{"directory", []string{"parse", dir}, 2, "tidak dapat dibaca"},
		{"damaged pdf", []string{"parse", bin}, 2, "PDF ini rusak"},
		{"help", []string{"--help"}, 0, "Penggunaan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := RunCLI(tt.args, &out, &errb); code != tt.code || !strings.Contains(errb.String(), tt.msg) {
				t.Errorf("exit %d stderr %q; want %d containing %q", code, errb.String(), tt.code, tt.msg)
			}
			if tt.code != 0 && out.Len() != 0 {
				t.Errorf("stdout should be empty on failure, got %q", out.String())
			}
		})
	}
}
