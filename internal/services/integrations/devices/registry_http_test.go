package devices_test

import (
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/services/integrations/devices/devicesapi"
)

const (
	alice = "user-alice"
	bob   = "user-bob"
)

// TestPairingAndRegistry walks a device through its life: a code, the
// pairing, the list, a rename, settings, removal; and checks that another
// user can see or change none of it.
func TestPairingAndRegistry(t *testing.T) {
	t.Parallel()
	f := start(t)

	// Anonymous and device callers cannot use the /me routes.
	if r := f.do(t, "GET", base+"/me", cred{}, nil); r.Status != 401 {
		t.Fatalf("anonymous list: %d", r.Status)
	}
	r := f.do(t, "POST", base+"/me/pairings", cred{user: alice}, devicesapi.PairingRequest{Kind: "toaster", Name: ""})
	if p := r.problem(t); r.Status != 422 || p.Code != "validation_failed" || !hasField(p, "kind") || !hasField(p, "name") {
		t.Fatalf("bad pairing request: %d %+v", r.Status, p)
	}

	r = f.do(t, "POST", base+"/me/pairings", cred{user: alice}, devicesapi.PairingRequest{Kind: devicesapi.KindWatch, Name: "Forerunner"})
	if r.Status != 201 {
		t.Fatalf("pairing: %d %s", r.Status, r.Body)
	}
	var pairing devicesapi.Pairing
	r.json(t, &pairing)
	if len(pairing.Code) != 8 || strings.ContainsAny(pairing.Code, "01ILO") || pairing.ExpiresAt.IsZero() {
		t.Fatalf("pairing %+v", pairing)
	}
	if r := f.do(t, "POST", base+"/pair", cred{}, devicesapi.PairRequest{Code: "BADCODE1", Model: strings.Repeat("x", 65)}); r.Status != 422 {
		t.Fatalf("pair with a bad code: %d %s", r.Status, r.Body)
	} else if p := r.problem(t); !hasField(p, "code") || !hasField(p, "model") {
		t.Fatalf("pair problem %+v", p)
	}
	// Typed with a dash and in lower case, the code still works.
	typed := strings.ToLower(pairing.Code[:4] + "-" + pairing.Code[4:])
	r = f.do(t, "POST", base+"/pair", cred{}, devicesapi.PairRequest{Code: typed, Manufacturer: "Garmin", Model: "FR965", Serial: "1", Firmware: "19.2"})
	if r.Status != 201 {
		t.Fatalf("pair: %d %s", r.Status, r.Body)
	}
	var paired devicesapi.PairResult
	r.json(t, &paired)
	if !strings.HasPrefix(paired.Token, "shd_") || paired.DeviceID == "" || paired.Kind != devicesapi.KindWatch {
		t.Fatalf("paired %+v", paired)
	}
	// The code works once.
	if r := f.do(t, "POST", base+"/pair", cred{}, devicesapi.PairRequest{Code: pairing.Code}); r.Status != 422 || !hasField(r.problem(t), "code") {
		t.Fatalf("second use of a code: %d %s", r.Status, r.Body)
	}
	// The token is kept only hashed.
	var stored int
	if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM devices WHERE token_hash = $1`, paired.Token).Scan(&stored); err != nil || stored != 0 {
		t.Fatalf("token stored in the clear: %d %v", stored, err)
	}

	var list devicesapi.DeviceList
	f.do(t, "GET", base+"/me", cred{user: alice}, nil).json(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != paired.DeviceID || list.Items[0].Model != "FR965" ||
		list.Items[0].Name != "Forerunner" || list.Items[0].Settings.WheelCircumferenceM != nil {
		t.Fatalf("alice's devices: %+v", list)
	}
	f.do(t, "GET", base+"/me", cred{user: bob}, nil).json(t, &list)
	if len(list.Items) != 0 {
		t.Fatalf("bob sees alice's devices: %+v", list)
	}
	// A device token is no way into the user's routes, as a header or as a bearer.
	if r := f.do(t, "GET", base+"/me", cred{device: paired.Token}, nil); r.Status != 401 {
		t.Fatalf("device token on /me: %d", r.Status)
	}
	if r := f.do(t, "GET", base+"/me", cred{bearer: paired.Token}, nil); r.Status != 401 {
		t.Fatalf("device token as bearer: %d", r.Status)
	}

	dev := base + "/me/" + paired.DeviceID
	if r := f.do(t, "PATCH", dev, cred{user: bob}, map[string]any{"name": "mine now"}); r.Status != 404 {
		t.Fatalf("bob renames alice's device: %d %s", r.Status, r.Body)
	}
	if r := f.do(t, "DELETE", dev, cred{user: bob}, nil); r.Status != 404 {
		t.Fatalf("bob removes alice's device: %d %s", r.Status, r.Body)
	}
	r = f.do(t, "PATCH", dev, cred{user: alice}, map[string]any{"name": "", "settings": map[string]any{"wheel_circumference_m": 9}})
	if p := r.problem(t); r.Status != 422 || !hasField(p, "name") || !hasField(p, "settings.wheel_circumference_m") {
		t.Fatalf("bad patch: %d %+v", r.Status, p)
	}
	if r := f.do(t, "PATCH", dev, cred{user: alice}, map[string]any{"owner": bob}); r.Status != 400 {
		t.Fatalf("patch naming an owner: %d %s", r.Status, r.Body)
	}
	var d devicesapi.Device
	r = f.do(t, "PATCH", dev, cred{user: alice}, map[string]any{"name": "Road bike", "settings": map[string]any{"wheel_circumference_m": 2.096}})
	r.json(t, &d)
	if r.Status != 200 || d.Name != "Road bike" || d.Settings.WheelCircumferenceM == nil || *d.Settings.WheelCircumferenceM != 2.096 {
		t.Fatalf("patch: %d %+v", r.Status, d)
	}

	if r := f.do(t, "DELETE", dev, cred{user: alice}, nil); r.Status != 204 {
		t.Fatalf("remove: %d %s", r.Status, r.Body)
	}
	if r := f.do(t, "DELETE", dev, cred{user: alice}, nil); r.Status != 404 {
		t.Fatalf("remove again: %d", r.Status)
	}
	// The token died with the device.
	r = f.do(t, "POST", base+"/ingest", cred{device: paired.Token}, map[string]any{"samples": []map[string]any{{"t": nowMS(), "hr": 120}}})
	if p := r.problem(t); r.Status != 401 || p.Code != "invalid_device_token" {
		t.Fatalf("ingest with a removed device's token: %d %+v", r.Status, p)
	}

	f.settled(t)
	for typ, n := range map[string]int{devicesapi.EventDevicePaired: 1, devicesapi.EventDeviceRemoved: 1} {
		evs := f.eventsAbout(t, typ, paired.DeviceID)
		var p devicesapi.DeviceV1
		if len(evs) != n || evs[0].Decode(&p) != nil || p.UserID != alice || p.DeviceID != paired.DeviceID {
			t.Fatalf("%s: %d events %+v", typ, len(evs), p)
		}
	}
}

// TestPairingLimits: at most five codes wait at once per user.
func TestPairingLimits(t *testing.T) {
	t.Parallel()
	f := start(t)
	for i := range 5 {
		if r := f.do(t, "POST", base+"/me/pairings", cred{user: alice}, devicesapi.PairingRequest{Kind: "phone", Name: "phone"}); r.Status != 201 {
			t.Fatalf("pairing %d: %d", i, r.Status)
		}
	}
	if r := f.do(t, "POST", base+"/me/pairings", cred{user: alice}, devicesapi.PairingRequest{Kind: "phone", Name: "phone"}); r.Status != 409 || r.problem(t).Code != "too_many_pairings" {
		t.Fatalf("sixth pairing: %d %s", r.Status, r.Body)
	}
	if r := f.do(t, "POST", base+"/me/pairings", cred{user: bob}, devicesapi.PairingRequest{Kind: "phone", Name: "phone"}); r.Status != 201 {
		t.Fatalf("another user's pairing: %d", r.Status)
	}
}
