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
