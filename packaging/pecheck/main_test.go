package main

import (
	"debug/pe"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildWindows cross-builds a tiny pure-Go program for Windows (no cgo, no
// mingw needed) with the given GOARCH and extra linker flags.
func buildWindows(t *testing.T, goarch, ldflags string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() { println(\"loket\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "hello.exe")
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", exe, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cross-build: %v\n%s", err, out)
	}
	return exe
}

func TestGUIExecutableWithoutResources(t *testing.T) {
	r, err := Inspect(buildWindows(t, "amd64", "-H=windowsgui"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.PE32Plus || r.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Fatalf("PE32+ %v machine %#x, want PE32+ amd64", r.PE32Plus, r.Machine)
	}
	if r.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Fatalf("subsystem %d, want GUI", r.Subsystem)
	}
	p := strings.Join(r.Problems(""), "\n")
	for _, want := range []string{"no icon images resource", "no icon group resource", "no version information resource", "no manifest resource"} {
		if !strings.Contains(p, want) {
			t.Errorf("problems %q lack %q", p, want)
		}
	}
	if strings.Contains(p, "subsystem") || strings.Contains(p, "PE32+") {
		t.Errorf("a 64-bit GUI build reported as %q", p)
	}
}

func TestConsoleAnd32BitBuildsAreRefused(t *testing.T) {
	console, err := Inspect(buildWindows(t, "amd64", ""))
	if err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(console.Problems(""), "\n"); !strings.Contains(p, "console window would open") {
		t.Errorf("console build problems %q: want the console-window complaint", p)
	}
	x86, err := Inspect(buildWindows(t, "386", "-H=windowsgui"))
	if err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(x86.Problems(""), "\n"); !strings.Contains(p, "not a PE32+ x86-64") {
		t.Errorf("386 build problems %q: want the PE32+ complaint", p)
	}
}

func TestVersionMismatchAndNotPE(t *testing.T) {
	r := &Report{PE32Plus: true, Machine: pe.IMAGE_FILE_MACHINE_AMD64, Subsystem: pe.IMAGE_SUBSYSTEM_WINDOWS_GUI,
		ResourceTypes:  map[uint32]bool{rtIcon: true, rtGroupIcon: true, rtVersion: true, rtManifest: true},
		ProductVersion: "v0.1.0"}
	if p := r.Problems("v0.1.0"); len(p) != 0 {
		t.Errorf("complete report has problems %q", p)
	}
	if p := r.Problems("v0.2.0"); len(p) != 1 || !strings.Contains(p[0], "ProductVersion") {
		t.Errorf("version mismatch gives %q", p)
	}
	notPE := filepath.Join(t.TempDir(), "x.exe")
	if err := os.WriteFile(notPE, []byte("MZ not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Inspect(notPE); err == nil {
		t.Error("a file that is not PE was accepted")
	}
}
