package publish_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/google/go-cmp/cmp"
)

func TestPlainProgressWritesOneLinePerEvent(t *testing.T) {
	var b bytes.Buffer
	p := publish.NewPlainProgress(&b, false)
	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.Local)
	p.Resource(publish.ResourceEvent{Time: at, LogicalID: "Web", Type: "AWS::ECS::Service", Status: "CREATE_FAILED", Reason: "boom"})
	r := publish.Rollout{Service: "Web", Desired: 2, Running: 1, Pending: 1, State: "IN_PROGRESS"}
	p.Rollout(r)
	p.Rollout(r) // unchanged: no line
	p.Problem("service Web: task 1 stopped: crash")
	want := []string{
		"10:00:00  Web                            AWS::ECS::Service                        CREATE_FAILED  boom",
		"service Web: 1/2 running, 1 pending, 0 failed (IN_PROGRESS)",
		"FAILED service Web: task 1 stopped: crash",
	}
	if d := cmp.Diff(want, strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")); d != "" {
		t.Errorf("plain progress (-want +got):\n%s", d)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Error("plain progress without color has escape codes")
	}
}

// lastBlock is what a terminal shows of the live view's block: what was
// written after the last erase.
func lastBlock(s string) string {
	if i := strings.LastIndex(s, "\x1b[J"); i >= 0 {
		return s[i+len("\x1b[J"):]
	}
	return s
}

func TestLiveProgressRedrawsInPlaceWithinTheScreen(t *testing.T) {
	var b bytes.Buffer
	p := publish.NewLiveProgress(&b, 60, 10, false)
	for i := range 8 {
		p.Resource(publish.ResourceEvent{LogicalID: fmt.Sprintf("R%d", i), Type: "AWS::IAM::Role", Status: "CREATE_IN_PROGRESS"})
	}
	for i := range 7 {
		p.Resource(publish.ResourceEvent{LogicalID: fmt.Sprintf("R%d", i), Type: "AWS::IAM::Role", Status: "CREATE_COMPLETE"})
	}
	p.Rollout(publish.Rollout{Service: "Web", Desired: 2, Running: 2, State: "COMPLETED"})
	p.Note("a note stays above the block")
	got := lastBlock(b.String())
	// 59 columns: the last one stays free, or some terminals wrap.
	want := "a note stays above the block\n" +
		"Resources\n" +
		"  R7   AWS::IAM::Role                             CREATE_IN\n" +
		"  and 7 more complete\n" +
		"Services\n" +
		"  Web  2/2 running, 0 pending, 0 failed (COMPLETED)\n"
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("block (-want +got):\n%s", d)
	}
	if n := strings.Count(got, "\n"); n > 10 {
		t.Errorf("block of %d lines on a 10-line screen", n)
	}
}
