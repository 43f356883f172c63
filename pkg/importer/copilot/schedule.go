package copilot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ecsgen/ecsgen/pkg/importer"
	"github.com/ecsgen/ecsgen/pkg/model"
)

// presets are the cron keywords Copilot accepts, as EventBridge cron
// expressions (whose day of week counts from Sunday = 1).
var presets = map[string]string{
	"@yearly":   "cron(0 0 1 1 ? *)",
	"@annually": "cron(0 0 1 1 ? *)",
	"@monthly":  "cron(0 0 1 * ? *)",
	"@weekly":   "cron(0 0 ? * 1 *)",
	"@daily":    "cron(0 0 * * ? *)",
	"@midnight": "cron(0 0 * * ? *)",
	"@hourly":   "cron(0 * * * ? *)",
}

// schedule turns a Scheduled Job's on.schedule into the task's trigger.
func (c *converter) schedule(w *workload, t *model.Task) {
	s := strings.TrimSpace(w.m.On.Schedule)
	if s == "" || s == "none" {
		c.res.Note(w.tdPath, "no schedule: run it on demand with ecsgen run")
		return
	}
	expr, err := eventBridgeSchedule(s)
	if err != nil {
		c.report(w, []string{"on", "schedule"}, "%q %v; the job becomes a task run on demand with ecsgen run: give it triggers: [{schedule: ...}] by hand", s, err)
		return
	}
	t.Triggers = []model.Trigger{{Schedule: expr}}
	if expr != s {
		c.res.Note(importer.Field(w.tdPath, "triggers"), fmt.Sprintf("Copilot's schedule %q, in UTC", s))
	}
}

// eventBridgeSchedule converts a Copilot schedule (a keyword, @every
// DURATION, a five-field cron expression, or an EventBridge rate() or
// cron()) into an EventBridge one.
func eventBridgeSchedule(s string) (string, error) {
	if p, ok := presets[s]; ok {
		return p, nil
	}
	if d, ok := strings.CutPrefix(s, "@every "); ok {
		return rate(strings.TrimSpace(d))
	}
	if strings.HasPrefix(s, "rate(") || strings.HasPrefix(s, "cron(") {
		if !model.Matches("scheduleExpression", s) {
			return "", fmt.Errorf("is not an EventBridge expression ecsgen accepts (rate(1 hour), cron(0 9 ? * MON-FRI *))")
		}
		return s, nil
	}
	return cron(s)
}

// rate converts a Go duration into the largest whole unit EventBridge's
// rate() takes.
func rate(d string) (string, error) {
	dur, err := time.ParseDuration(d)
	if err != nil || dur < time.Minute || dur%time.Minute != 0 {
		return "", fmt.Errorf("is not a whole number of minutes, the finest rate EventBridge runs at")
	}
	n, unit := int(dur/time.Minute), "minute"
	switch {
	case dur%(24*time.Hour) == 0:
		n, unit = int(dur/(24*time.Hour)), "day"
	case dur%time.Hour == 0:
		n, unit = int(dur/time.Hour), "hour"
	}
	if n != 1 {
		unit += "s"
	}
	return fmt.Sprintf("rate(%d %s)", n, unit), nil
}

// cron converts a Unix cron expression (minute hour day-of-month month
// day-of-week) into EventBridge's, which adds a year, wants ? in one of
// the two days and counts weekdays from Sunday = 1.
func cron(s string) (string, error) {
	f := strings.Fields(s)
	if len(f) != 5 {
		return "", fmt.Errorf("is not a cron expression of five fields (minute hour day-of-month month day-of-week)")
	}
	dom, dow := f[2], f[4]
	switch {
	case dow == "*" || dow == "?":
		dow = "?"
	case dom == "*" || dom == "?":
		dom = "?"
		var err error
		if dow, err = weekdays(dow); err != nil {
			return "", err
		}
	default:
		return "", fmt.Errorf("runs on days of the month or of the week, which EventBridge cannot say: it takes one of the two")
	}
	return fmt.Sprintf("cron(%s %s %s %s %s *)", f[0], f[1], dom, f[3], dow), nil
}

// weekdays renumbers a Unix day-of-week list (Sunday 0 or 7) for
// EventBridge (Sunday 1); names stay.
func weekdays(field string) (string, error) {
	var out []string
	for item := range strings.SplitSeq(field, ",") {
		from, to, isRange := strings.Cut(item, "-")
		a, errA := weekday(from)
		b, errB := weekday(to)
		switch {
		case errA != nil || isRange && errB != nil:
			return "", fmt.Errorf("has a day of week %q EventBridge cannot take (a number 0-7, a name or a range of them)", item)
		case !isRange:
			out = append(out, a)
		case a > b && a[0] >= '0' && a[0] <= '9':
			// 5-7 (Friday to Sunday) would become 6-1.
			return "", fmt.Errorf("has a range of days %q that wraps past Saturday in EventBridge's numbering; list the days", item)
		default:
			out = append(out, a+"-"+b)
		}
	}
	return strings.Join(out, ","), nil
}

var dayNames = []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

// weekday renumbers one Unix day of week; a name stays, in capitals.
func weekday(s string) (string, error) {
	if slices.Contains(dayNames, strings.ToUpper(s)) {
		return strings.ToUpper(s), nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 7 {
		return "", fmt.Errorf("not a day of week")
	}
	return strconv.Itoa(n%7 + 1), nil
}
