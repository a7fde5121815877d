package mqtt

import "testing"

func TestTopics(t *testing.T) {
	for topic, want := range map[string]string{
		"sh/devices/d1/samples":    "d1",
		"sh/devices//samples":      "",
		"sh/devices/a/b/samples":   "",
		"other/devices/d1/samples": "",
		"sh/devices/d1/acks":       "",
	} {
		got, ok := deviceOf("sh", topic)
		if got != want || ok != (want != "") {
			t.Errorf("deviceOf(%q) = %q, %v; want %q", topic, got, ok, want)
		}
	}
	for p, ok := range map[string]bool{"sporthub": true, "a/b": true, "": false, "$SYS": false, "/a": false, "a/": false, "a/+": false, "a/#": false} {
		if ValidPrefix(p) != ok {
			t.Errorf("ValidPrefix(%q) != %v", p, ok)
		}
	}
}
