package model_test

import (
	"testing"

	"github.com/ecsgen/ecsgen/pkg/model"
)

func TestBounds(t *testing.T) {
	lo, hi := model.Bounds("healthCheckInterval")
	if lo == nil || hi == nil || *lo != 5 || *hi != 300 {
		t.Errorf("healthCheckInterval: got %v, %v; want 5, 300", lo, hi)
	}
	if lo, hi := model.Bounds("no such rule"); lo != nil || hi != nil {
		t.Errorf("an unknown rule has bounds %v, %v", lo, hi)
	}
	if v := model.Values("retentionInDays"); len(v) == 0 || v[0] != 1 {
		t.Errorf("retentionInDays: got %v", v)
	}
}

func TestMatches(t *testing.T) {
	for _, tc := range []struct {
		rule, s string
		want    bool
	}{
		{"scheduleExpression", "rate(1 hour)", true},
		{"scheduleExpression", "cron(0 9 ? * MON-FRI *)", true},
		{"scheduleExpression", "rate(1 hours)", false},
		{"scheduleExpression", "0 9 * * 1", false},
		{"no such rule", "anything", true},
	} {
		if got := model.Matches(tc.rule, tc.s); got != tc.want {
			t.Errorf("Matches(%q, %q) = %v, want %v", tc.rule, tc.s, got, tc.want)
		}
	}
}
