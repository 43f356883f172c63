package model

import "testing"

// TestLdflagProblem checks ldflags items against how go build splits its
// -ldflags string: the error corpus has the messages, this the items that
// must pass, which a stricter check would wrongly refuse.
func TestLdflagProblem(t *testing.T) {
	for _, tc := range []struct {
		flag    string
		problem bool
	}{
		{"-X main.version=1.2.3", false},
		{"-X main.version=1.2.3 -X main.commit=abc", false},
		{"-X 'main.greeting=hello world'", false},
		{`-X "main.greeting=it's here"`, false},
		{"-extldflags '-static'", false},
		{"  -s\t", false},
		{"-X main.greeting='hello world'", true},
		{`-X "main.greeting=hello`, true},
		{"-X 'a' -X 'b", true},
		{"-X 'main.v=a'b", true},
		{"", true},
		{" \t", true},
	} {
		if got := ldflagProblem(tc.flag); (got != "") != tc.problem {
			t.Errorf("ldflagProblem(%q) = %q, want a problem: %v", tc.flag, got, tc.problem)
		}
	}
}
