package cli

import (
	"strings"
	"testing"
)

// TestCheckCaller: a companion runs for an ecsgen of its own version, or
// when either version cannot be told; otherwise it says what to install.
func TestCheckCaller(t *testing.T) {
	tests := []struct {
		name, caller, own string
		wantErr           bool
	}{
		{name: "not handed over", caller: "", own: "v1.2.0"},
		{name: "the same release", caller: "v1.2.0", own: "v1.2.0"},
		{name: "the same commit", caller: "devel 0123456789ab", own: "devel 0123456789ab"},
		{name: "ecsgen from go run", caller: "devel", own: "v1.2.0"},
		{name: "a companion without build information", caller: "v1.2.0", own: "unknown"},
		{name: "another release", caller: "v1.3.0", own: "v1.2.0", wantErr: true},
		{name: "another commit", caller: "devel 0123456789ab", own: "devel ba9876543210", wantErr: true},
		{name: "a release and a commit", caller: "v1.3.0", own: "devel ba9876543210 (modified)", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(callerVersionEnv, tt.caller)
			err := checkCaller("ecsgen-publish", tt.own)
			if (err != nil) != tt.wantErr {
				t.Fatalf("checkCaller(%q) with ecsgen %q: %v, want an error: %v", tt.own, tt.caller, err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "is version "+tt.own+", but ecsgen is version "+tt.caller+": install all of ecsgen's programs from one version") {
				t.Errorf("unclear error: %v", err)
			}
		})
	}
}
