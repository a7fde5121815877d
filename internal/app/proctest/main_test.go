package proctest

import (
	"os"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/testkit"
)

// binPath is the sporthub binary TestMain builds for every test.
var binPath string

func TestMain(m *testing.M) {
	os.Exit(testkit.MainWithSporthub(m, "proctest", &binPath))
}
