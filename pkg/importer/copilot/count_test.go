package copilot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecsgen/ecsgen/pkg/importer/copilot"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestCountAndSchedule covers the count and schedule shapes the corpus
// lacks: each manifest's service or job, and what is reported.
func TestCountAndSchedule(t *testing.T) {
	for _, tc := range []struct {
		name, manifest string
		check          func(*model.App) any
		want           any
		report         string
	}{
		{
			name:     "spot",
			manifest: "type: Backend Service\nimage: {location: nginx}\ncount: {spot: 3}\n",
			check: func(a *model.App) any {
				s := a.Services["svc"]
				return []any{*s.DesiredCount, s.CapacityProviderStrategy[0].CapacityProvider}
			},
			want: []any{3, "FARGATE_SPOT"},
		},
		{
			name:     "cooldowns differ",
			manifest: "type: Backend Service\nimage: {location: nginx}\ncount:\n  range: 1-4\n  cooldown: {in: 1m}\n  cpu_percentage: {value: 50, cooldown: {in: 2m}}\n  memory_percentage: 60\n",
			check: func(a *model.App) any {
				as := a.Services["svc"].Autoscaling
				return []any{*as.ScaleInCooldown, as.ScaleOutCooldown == nil, a.Services["svc"].DesiredCount == nil}
			},
			want:   []any{120, true, true},
			report: "count: the targets scale in after different cooldowns; ecsgen has one per service, and keeps the longest, 120 s",
		},
		{
			name:     "requests without http",
			manifest: "type: Backend Service\nimage: {location: nginx}\ncount: {range: 2-4, requests: 100}\n",
			check: func(a *model.App) any {
				s := a.Services["svc"]
				return []any{*s.DesiredCount, s.Autoscaling == nil}
			},
			want:   []any{2, true},
			report: "count.requests: counts requests at an application load balancer, and this service has none (http); it is left out",
		},
		{
			name:     "schedule both days",
			manifest: "type: Scheduled Job\nimage: {location: nginx}\non: {schedule: \"0 9 1 * MON\"}\n",
			check:    func(a *model.App) any { return len(a.Tasks["svc"].Triggers) },
			want:     0,
			report:   "on.schedule: \"0 9 1 * MON\" runs on days of the month or of the week, which EventBridge cannot say",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "copilot", "svc"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "copilot", "svc", "manifest.yml"), []byte("name: svc\n"+tc.manifest), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := copilot.Import(copilot.Options{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, tc.check(res.App)); diff != "" {
				t.Errorf("imported (-want +got):\n%s", diff)
			}
			if report := res.Report.String(); !strings.Contains(report, tc.report) {
				t.Errorf("report %q does not say %q", report, tc.report)
			}
		})
	}
}
