package publish

import (
	"fmt"
	"io"
	"time"
)

// Progress shows a deploy while it happens. The plain form writes one line
// per event, for logs and CI; the live form redraws a block on a terminal.
type Progress interface {
	// Note prints a line of narrative: a step, a summary, an outcome.
	Note(text string)
	// Resource reports a stack event.
	Resource(e ResourceEvent)
	// Rollout reports the counts of a service's deployment.
	Rollout(r Rollout)
	// Problem reports what goes wrong in a rollout: a stopped task, a
	// failing service event, an unhealthy target.
	Problem(text string)
	// Close ends the view; the block of a live view stays on the screen.
	Close()
}

// ResourceEvent is one CloudFormation stack event.
type ResourceEvent struct {
	Time      time.Time
	LogicalID string
	Type      string
	Status    string
	Reason    string
}

// Rollout is the state of a service's newest deployment.
type Rollout struct {
	Service                           string
	Desired, Running, Pending, Failed int32
	// State is ECS's rolloutState: IN_PROGRESS, COMPLETED or FAILED.
	State string
}

func (r Rollout) String() string {
	s := fmt.Sprintf("%d/%d running, %d pending, %d failed", r.Running, r.Desired, r.Pending, r.Failed)
	if r.State != "" {
		s += " (" + r.State + ")"
	}
	return s
}

// plain writes one line per event and per change of a rollout's counts.
type plain struct {
	w     io.Writer
	color bool
	last  map[string]Rollout
}

// NewPlainProgress writes progress as lines, colored when color is set
// (callers check the terminal and NO_COLOR).
func NewPlainProgress(w io.Writer, color bool) Progress {
	return &plain{w: w, color: color, last: map[string]Rollout{}}
}

func (p *plain) Note(text string) { fmt.Fprintln(p.w, text) }

func (p *plain) Resource(e ResourceEvent) {
	line := fmt.Sprintf("%s  %-30s %-40s %s", e.Time.Local().Format("15:04:05"), e.LogicalID, e.Type, paint(p.color, e.Status))
	if e.Reason != "" {
		line += "  " + e.Reason
	}
	fmt.Fprintln(p.w, line)
}

func (p *plain) Rollout(r Rollout) {
	if p.last[r.Service] == r {
		return
	}
	p.last[r.Service] = r
	fmt.Fprintf(p.w, "service %s: %s\n", r.Service, r)
}

func (p *plain) Problem(text string) { fmt.Fprintln(p.w, paint(p.color, "FAILED")+" "+text) }

func (p *plain) Close() {}
