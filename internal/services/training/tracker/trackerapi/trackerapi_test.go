package trackerapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

func TestNotificationTemplates(t *testing.T) {
	ts := trackerapi.Notifications()
	if len(ts) != 2 {
		t.Fatalf("%d templates", len(ts))
	}
	for _, tpl := range ts {
		if err := tpl.Validate(); err != nil {
			t.Error(err)
		}
		for _, lang := range []string{"ru", "en"} {
			if tpl.Title[lang] == "" || !strings.Contains(tpl.Text[lang], "{{.Data.link}}") {
				t.Errorf("%s: %s title or link missing", tpl.Type, lang)
			}
		}
		if !tpl.Critical {
			t.Errorf("%s is not critical: a safety notice must pass quiet hours", tpl.Type)
		}
	}
}

func TestActivityPatchNullable(t *testing.T) {
	var p trackerapi.ActivityPatch
	if err := json.Unmarshal([]byte(`{"description":null,"name":"x"}`), &p); err != nil {
		t.Fatal(err)
	}
	if !p.Description.Set || p.Description.Value != nil || p.GearID.Set || p.Name == nil {
		t.Fatalf("patch %+v", p)
	}
	if err := json.Unmarshal([]byte(`{"gear_id":"g1"}`), &p); err != nil || !p.GearID.Set || *p.GearID.Value != "g1" {
		t.Fatalf("gear %+v %v", p.GearID, err)
	}
	b, _ := json.Marshal(trackerapi.ActivityPatch{})
	if string(b) != "{}" {
		t.Fatalf("empty patch encodes as %s", b)
	}
}
