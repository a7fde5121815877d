// Command merge writes api/openapi.json from the fragments in api/openapi/
// (run by `go generate ./api`).
package main

import (
	"fmt"
	"os"

	"github.com/sporthub/sporthub/api"
)

func main() {
	b, err := api.Merge(api.Fragments)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile("openapi.json", b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
