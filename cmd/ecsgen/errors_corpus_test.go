package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// minErrorCases is the size the invalid-manifest corpus must keep: enough
// cases to cover every validation rule, YAML syntax errors, wrong types,
// empty files, duplicate keys and references to things that do not exist.
const minErrorCases = 65

// TestErrorCorpus guards the corpus TestManifestErrors runs: it must not
// shrink, and every manifest must have its golden message and every golden
// its manifest. -update quietly creates a missing golden, and a golden whose
// manifest is gone is never compared again, so neither would fail on its own.
func TestErrorCorpus(t *testing.T) {
	cases := errorCases(t)
	if len(cases[".yaml"]) < minErrorCases {
		t.Errorf("%s has %d invalid manifests, want at least %d", errorsDir, len(cases[".yaml"]), minErrorCases)
	}
	for _, tc := range []struct {
		have, want string
	}{
		{".yaml", ".golden"},
		{".golden", ".yaml"},
	} {
		t.Run(strings.TrimPrefix(tc.have, ".")+" has "+strings.TrimPrefix(tc.want, "."), func(t *testing.T) {
			for name := range cases[tc.have] {
				if !cases[tc.want][name] {
					t.Errorf("%s%s has no %s%s", name, tc.have, name, tc.want)
				}
			}
		})
	}
}

// errorCases lists the case names under errorsDir by file extension, and
// fails on files that are neither a manifest nor a golden message, which
// would otherwise be ignored by both tests.
func errorCases(t *testing.T) map[string]map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(errorsDir)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]map[string]bool{".yaml": {}, ".golden": {}}
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		names, ok := cases[ext]
		if e.IsDir() || !ok {
			t.Errorf("%s: unexpected entry %s; the corpus holds only <case>.yaml and <case>.golden", errorsDir, e.Name())
			continue
		}
		names[strings.TrimSuffix(e.Name(), ext)] = true
	}
	return cases
}
