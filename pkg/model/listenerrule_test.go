package model

import "testing"

func TestDerivedPriority(t *testing.T) {
	tests := []struct {
		name string
		want int
	}{
		{"a", 1},
		{"a0", 1 + 1*37},
		{"aa", 1 + 11*37},
		{"api", 982},
		{"API", 982},    // case-insensitive, as names are
		{"a-p_i", 982},  // punctuation dropped, as in logical IDs
		{"api-v2", 982}, // only three characters count
		{"zzz", 35594},  // the largest, below ALB's 50000
		{"web", 22*1369 + 15*37 + 12 + 1},
		// Invalid names, reported elsewhere, still get a priority in range.
		{"", 1},
		{"-", 1},
		{"9lives", 834}, // the digit counts 0: 0, l, i
	}
	for _, tt := range tests {
		if got := DerivedPriority(tt.name); got != tt.want {
			t.Errorf("DerivedPriority(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestDerivedPriorityFollowsNames: rules are tried in the alphabetical
// order of their owners, so a reader can predict the order from names.
func TestDerivedPriorityFollowsNames(t *testing.T) {
	names := []string{"a", "a1", "a9", "ab", "api", "b", "web", "z9z", "zzz"}
	for i := 1; i < len(names); i++ {
		if DerivedPriority(names[i-1]) >= DerivedPriority(names[i]) {
			t.Errorf("DerivedPriority(%q) = %d, not below DerivedPriority(%q) = %d",
				names[i-1], DerivedPriority(names[i-1]), names[i], DerivedPriority(names[i]))
		}
	}
}

func TestRuleCovers(t *testing.T) {
	rule := func(paths, hosts []string) *ListenerRule { return &ListenerRule{Paths: paths, Hosts: hosts} }
	tests := []struct {
		name string
		a, b *ListenerRule
		want bool
	}{
		{"catch-all path covers any path", rule([]string{"/*"}, nil), rule([]string{"/api/*"}, nil), true},
		{"prefix covers longer prefix", rule([]string{"/api/*"}, nil), rule([]string{"/api/v1/*"}, nil), true},
		{"longer prefix does not cover shorter", rule([]string{"/api/v1/*"}, nil), rule([]string{"/api/*"}, nil), false},
		{"sibling paths", rule([]string{"/api/*"}, nil), rule([]string{"/app/*"}, nil), false},
		{"no host condition covers any host", rule([]string{"/api/*"}, nil), rule([]string{"/api/*"}, []string{"a.example.com"}), true},
		{"a host condition does not cover all hosts", rule([]string{"/api/*"}, []string{"a.example.com"}), rule([]string{"/api/*"}, nil), false},
		{"hosts compare without case", rule(nil, []string{"A.example.com"}), rule(nil, []string{"a.EXAMPLE.com"}), true},
		{"a path covers no paths only when it is /*", rule([]string{"/api/*"}, []string{"x.com"}), rule(nil, []string{"x.com"}), false},
		{"every value must be covered", rule([]string{"/a/*"}, nil), rule([]string{"/a/x", "/b/x"}, nil), false},
		{"a ? is not a prefix", rule([]string{"/a?/*"}, nil), rule([]string{"/a?/x"}, nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.covers(tt.b); got != tt.want {
				t.Errorf("covers = %v, want %v", got, tt.want)
			}
		})
	}
}
