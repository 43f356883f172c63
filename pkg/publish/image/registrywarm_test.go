package image

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/random"
)

// TestRegistryWarm checks that a warmed Registry pushes to its repository
// without logging in again, still counting what it uploads, and to any
// other repository as an unwarmed one does.
func TestRegistryWarm(t *testing.T) {
	host, count := newRegistry(t)
	var log strings.Builder
	warm, err := Registry{Host: host, Log: &log}.Warm(context.Background(), "shop/web")
	if err != nil {
		t.Fatal(err)
	}
	if pings := count.takePings(); pings != 1 {
		t.Fatalf("Warm pinged the registry %d times, want 1", pings)
	}
	for _, tc := range []struct {
		repository string
		wantPings  int
	}{
		{repository: "shop/web", wantPings: 0},
		{repository: "shop/worker", wantPings: 1},
	} {
		img, err := random.Image(1024, 2)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := warm.Publish(context.Background(), img, tc.repository)
		if err != nil {
			t.Fatalf("%s: %v", tc.repository, err)
		}
		if pings := count.takePings(); pings != tc.wantPings {
			t.Errorf("%s: the push pinged the registry %d times, want %d", tc.repository, pings, tc.wantPings)
		}
		blobs, _ := count.take()
		if want := fmt.Sprintf("pushed %s: %d blobs uploaded", ref, blobs); blobs != 3 || !strings.Contains(log.String(), want) {
			t.Errorf("%s: the registry received %d blobs, want 3 (2 layers and the config); push log, want %q:\n%s", tc.repository, blobs, want, log.String())
		}
		log.Reset()
	}
}
