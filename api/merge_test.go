package api

import (
	"bytes"
	"testing"
	"testing/fstest"
)

// TestOpenAPIIsMerged keeps openapi.json (what the web app's types are
// generated from) equal to the merge of the fragments.
func TestOpenAPIIsMerged(t *testing.T) {
	b, err := Merge(Fragments)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, OpenAPI) {
		t.Fatal("api/openapi.json is not the merge of api/openapi/*.json: run `go generate ./api`")
	}
}

func TestMergeRefusesConflicts(t *testing.T) {
	fsys := fstest.MapFS{
		"openapi/00-base.json": {Data: []byte(`{"openapi":"3.1.0","paths":{}}`)},
		"openapi/a.json":       {Data: []byte(`{"paths":{"/x":{"get":{"summary":"a"}}}}`)},
		"openapi/b.json":       {Data: []byte(`{"paths":{"/x":{"get":{"summary":"b"}}}}`)},
	}
	if _, err := Merge(fsys); err == nil {
		t.Fatal("two fragments defining /x differently merged without error")
	}
	delete(fsys, "openapi/b.json")
	b, err := Merge(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"summary": "a"`)) {
		t.Fatalf("merged document lacks the fragment's path: %s", b)
	}
}
