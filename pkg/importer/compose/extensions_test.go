package compose_test

import (
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/google/go-cmp/cmp"
)

// TestAutoscaling checks that x-aws-autoscaling becomes the service's
// autoscaling, that desiredCount goes (the model rejects both), and which
// fields the report names when it does not map.
func TestAutoscaling(t *testing.T) {
	tests := []struct {
		name         string
		ext          string
		want         *model.Autoscaling
		desiredCount *int
		// reported lists the fields the report names.
		reported []string
	}{
		{
			name: "cpu target, replicas dropped",
			ext:  "{min: 2, max: 10, cpu: 75}",
			want: &model.Autoscaling{MinCapacity: new(2), MaxCapacity: 10, CpuUtilization: new(75)},
		},
		{
			name: "memory target, out of range clamped",
			ext:  "{max: 4, memory: 150}",
			want: &model.Autoscaling{MaxCapacity: 4, MemoryUtilization: new(100)},
		},
		{
			name:     "unknown key reported, rest mapped",
			ext:      "{min: 1, max: 3, cpu: 50, requests: 100}",
			want:     &model.Autoscaling{MinCapacity: new(1), MaxCapacity: 3, CpuUtilization: new(50)},
			reported: []string{"services.web.x-aws-autoscaling.requests"},
		},
		{
			name:         "no max keeps replicas",
			ext:          "{min: 1, cpu: 50}",
			desiredCount: new(3),
			reported:     []string{"services.web.x-aws-autoscaling"},
		},
		{
			name:         "no target keeps replicas",
			ext:          "{min: 1, max: 5}",
			desiredCount: new(3),
			reported:     []string{"services.web.x-aws-autoscaling"},
		},
		{
			name:         "max below min keeps replicas",
			ext:          "{min: 5, max: 2, cpu: 50}",
			desiredCount: new(3),
			reported:     []string{"services.web.x-aws-autoscaling"},
		},
		{
			name:         "not a mapping",
			ext:          "10",
			desiredCount: new(3),
			reported:     []string{"services.web.x-aws-autoscaling"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "services:\n  web:\n    image: web\n    deploy: {replicas: 3}\n    x-aws-autoscaling: " + tt.ext + "\n"
			res := importValid(t, src)
			s := res.App.Services["web"]
			if diff := cmp.Diff(tt.want, s.Autoscaling); diff != "" {
				t.Errorf("autoscaling (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.desiredCount, s.DesiredCount); diff != "" {
				t.Errorf("desiredCount (-want +got):\n%s", diff)
			}
			var reported []string
			for _, it := range res.Report {
				reported = append(reported, it.Field)
			}
			if diff := cmp.Diff(tt.reported, reported); diff != "" {
				t.Errorf("reported fields (-want +got):\n%s\nreport:\n%s", diff, res.Report)
			}
		})
	}
}
