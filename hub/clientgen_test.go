package hub

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"loket/hub/internal/clientgen"
)

// client_gen.go is what the generator makes of office.Service today: a
// method added to the interface without `go generate ./hub` fails here
// (and the build fails first when the client lacks it).
func TestClientGenFresh(t *testing.T) {
	want, err := clientgen.Generate("../office", ".")
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(t.TempDir(), clientgen.GeneratedFile)
	if err := os.WriteFile(tmp, want, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(clientgen.GeneratedFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run `go generate ./hub` (fresh output in %s)", clientgen.GeneratedFile, tmp)
	}
}
