//go:build ignore

// gen_client writes client_gen.go: `go generate ./hub` after changing
// office.Service. TestClientGenFresh fails while the file is stale.
package main

import (
	"log"
	"os"

	"loket/hub/internal/clientgen"
)

func main() {
	src, err := clientgen.Generate("../office", ".")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(clientgen.GeneratedFile, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
