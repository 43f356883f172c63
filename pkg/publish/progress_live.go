package publish

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// live redraws a block at the bottom of a terminal: each resource with its
// latest status, then each service's rollout. Notes and problems print
// above the block and stay, so the scrollback keeps the story.
type live struct {
	mu        sync.Mutex
	w         io.Writer
	width     int
	height    int
	color     bool
	resources []ResourceEvent // latest per logical ID, in order of first sight
	rollouts  []Rollout
	drawn     int // lines of the block on the screen
}

// NewLiveProgress shows progress on a terminal of width columns and height
// lines.
func NewLiveProgress(w io.Writer, width, height int, color bool) Progress {
	if width <= 0 {
		width = 80
	}
	if height <= 0 {
		height = 24
	}
	return &live{w: w, width: width, height: height, color: color}
}

func (l *live) Note(text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.above(text)
}

func (l *live) Problem(text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.above(paint(l.color, "FAILED") + " " + text)
}

func (l *live) Resource(e ResourceEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e.Reason != "" && strings.HasSuffix(e.Status, "_FAILED") {
		l.above(paint(l.color, e.Status) + " " + e.LogicalID + ": " + e.Reason)
	}
	i := 0
	for i < len(l.resources) && l.resources[i].LogicalID != e.LogicalID {
		i++
	}
	if i == len(l.resources) {
		l.resources = append(l.resources, e)
	}
	l.resources[i] = e
	l.redraw()
}

func (l *live) Rollout(r Rollout) {
	l.mu.Lock()
	defer l.mu.Unlock()
	i := 0
	for i < len(l.rollouts) && l.rollouts[i].Service != r.Service {
		i++
	}
	if i == len(l.rollouts) {
		l.rollouts = append(l.rollouts, r)
	} else if l.rollouts[i] == r {
		return
	}
	l.rollouts[i] = r
	l.redraw()
}

func (l *live) Close() {}

// above prints text above the block and draws the block again below it.
func (l *live) above(text string) {
	l.clear()
	fmt.Fprintln(l.w, strings.TrimRight(text, "\n"))
	l.redraw()
}

func (l *live) clear() {
	if l.drawn > 0 {
		// Up to the block's first line, then erase to the end of the screen.
		fmt.Fprintf(l.w, "\x1b[%dF\x1b[J", l.drawn)
		l.drawn = 0
	}
}

func (l *live) redraw() {
	l.clear()
	var lines []string
	idWidth := 0
	for _, r := range l.resources {
		idWidth = max(idWidth, len(r.LogicalID))
	}
	for _, r := range l.rollouts {
		idWidth = max(idWidth, len(r.Service))
	}
	if len(l.resources) > 0 {
		lines = append(lines, "Resources")
		// The block must fit the screen, or the cursor cannot get back to
		// its top: past the room, finished resources are only counted.
		room := l.height - 3 - len(l.rollouts) - 2
		done := 0
		for _, r := range l.resources {
			if len(l.resources) > room && strings.HasSuffix(r.Status, "_COMPLETE") && !strings.Contains(r.Status, "ROLLBACK") {
				done++
				continue
			}
			lines = append(lines, l.line(fmt.Sprintf("  %-*s  %-42s ", idWidth, r.LogicalID, r.Type), r.Status))
		}
		if done > 0 {
			lines = append(lines, fmt.Sprintf("  and %d more complete", done))
		}
	}
	if len(l.rollouts) > 0 {
		lines = append(lines, "Services")
		for _, r := range l.rollouts {
			lines = append(lines, l.line(fmt.Sprintf("  %-*s  %s ", idWidth, r.Service, r.String()), ""))
		}
	}
	for _, line := range lines {
		fmt.Fprintln(l.w, line)
	}
	l.drawn = len(lines)
}

// line fits text and a status into one screen line, so that the block's
// height in lines is its height on the screen, and colors the status.
func (l *live) line(text, status string) string {
	full := strings.TrimRight(text+status, " ")
	if r := []rune(full); len(r) > l.width-1 {
		return string(r[:l.width-1])
	}
	if status == "" {
		return full
	}
	return text + paint(l.color, status)
}
