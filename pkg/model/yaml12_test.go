package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// containerWith is a manifest whose one container has the given line.
func containerWith(line string) string {
	return "name: shop\nservices:\n  web:\n    taskDefinition:\n      containers:\n        web:\n          image: nginx\n          " + line + "\n"
}

// TestBooleansReadAsYAML12: every YAML 1.2 spelling of a boolean is that
// boolean (yaml.v3 hands True and TRUE over as text, which used to read as
// false), and YAML 1.1's yes/no/on/off are refused rather than guessed.
func TestBooleansReadAsYAML12(t *testing.T) {
	tests := []struct {
		value   string
		want    bool
		wantErr string
	}{
		{"true", true, ""},
		{"True", true, ""},
		{"TRUE", true, ""},
		{"false", false, ""},
		{"False", false, ""},
		{"FALSE", false, ""},
		{"yes", false, "yes is text in YAML 1.2 (older YAML read it as a boolean); write true or false"},
		{"No", false, "No is text in YAML 1.2"},
		{"on", false, "write true or false"},
		{"OFF", false, "write true or false"},
		{"y", false, "write true or false"},
		{"n", false, "write true or false"},
		{"'yes'", false, `must be true or false, got "yes"`},
		{"tRUE", false, `must be true or false, got "tRUE"`},
		{"1", false, "must be true or false, got 1"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			// Two containers so that essential: false still leaves one.
			doc := containerWith("essential: "+tt.value) + "        sidecar: {image: nginx}\n"
			app, err := ParseManifest("ecsgen.yaml", []byte(doc))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := app.Services["web"].TaskDefinition.Containers["web"].IsEssential(); got != tt.want {
				t.Errorf("essential: %s read as %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

// TestLogGroupBooleans: logGroup is a boolean, a name or a mapping, so
// its boolean spellings follow the same rule, and a quoted yes stays a
// log group's name.
func TestLogGroupBooleans(t *testing.T) {
	tests := []struct {
		value   string
		want    LogGroup
		wantErr string
	}{
		{"False", LogGroup{Disabled: true}, ""},
		{"FALSE", LogGroup{Disabled: true}, ""},
		{"True", LogGroup{}, ""},
		{"'off'", LogGroup{Existing: "off"}, ""},
		{"off", LogGroup{}, "write true or false; false turns logging off (quote a log group named off)"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			doc := "name: shop\nservices:\n  web:\n    taskDefinition:\n      logGroup: " + tt.value + "\n      containers: {web: {image: nginx}}\n"
			app, err := ParseManifest("ecsgen.yaml", []byte(doc))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, *app.Services["web"].TaskDefinition.LogGroup); diff != "" {
				t.Errorf("logGroup: %s (-want +got):\n%s", tt.value, diff)
			}
		})
	}
}

// TestIntegersReadAsYAML12: a whole number is decimal without a leading
// zero. yaml.v3 reads 0443 as octal 291 and 1_000 as 1000, where a YAML
// 1.2 editor shows 443 and text; forms the versions disagree on, and hex
// and octal that nobody means for a port, are refused with the number to
// write.
func TestIntegersReadAsYAML12(t *testing.T) {
	tests := []struct {
		value   string
		want    int
		wantErr string
	}{
		{"443", 443, ""},
		{"+443", 443, ""},
		{"0443", 0, "0443 has a leading zero, which YAML 1.1 reads as octal and YAML 1.2 as decimal; write 443"},
		{"08", 0, "08 has a leading zero, which YAML 1.1 reads as octal and YAML 1.2 as decimal; write 8"},
		{"1_000", 0, "1_000: YAML 1.2 reads digits with underscores as text; write 1000"},
		{"0x1BB", 0, "0x1BB: write whole numbers in decimal, here 443"},
		{"0o673", 0, "0o673: write whole numbers in decimal, here 443"},
		{"0b1", 0, "0b1: write whole numbers in decimal, here 1"},
		{"443.0", 0, "must be a whole number, got 443.0"},
		{"4e2", 0, "must be a whole number, got 4e2"},
		{".inf", 0, "must be a whole number, got .inf"},
		{"'443'", 0, `must be a whole number, got "443"`},
		{"99999999999999999999", 0, "99999999999999999999 is out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			doc := containerWith("portMappings: [{containerPort: " + tt.value + "}]")
			app, err := ParseManifest("ecsgen.yaml", []byte(doc))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := *app.Services["web"].TaskDefinition.Containers["web"].PortMappings[0].ContainerPort; got != tt.want {
				t.Errorf("containerPort: %s read as %d, want %d", tt.value, got, tt.want)
			}
		})
	}
}

// TestTextFieldsKeepTheirText: a text field takes a scalar as written, so
// a tag value 0042 stays 0042 rather than becoming 42 or 34.
func TestTextFieldsKeepTheirText(t *testing.T) {
	doc := containerWith("environment: {ZIP: 0042, DEBUG: True, RATIO: 1_000, AT: 2001-12-14}")
	app, err := ParseManifest("ecsgen.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ZIP": "0042", "DEBUG": "True", "RATIO": "1_000", "AT": "2001-12-14"}
	if diff := cmp.Diff(want, app.Services["web"].TaskDefinition.Containers["web"].Environment); diff != "" {
		t.Errorf("environment (-want +got):\n%s", diff)
	}
}

// TestYAMLTagsRefused: yaml.v3 reads a tagged value and drops the tag, so
// `image: !Sub ...` used to pass as plain text; every tag outside YAML's
// core schema is an error, on values and keys alike.
func TestYAMLTagsRefused(t *testing.T) {
	tests := []struct {
		name, line, wantErr string
	}{
		{"Sub on a value", "command: [!Sub '${AWS::Region}']", "command[0]: the YAML tag !Sub is not manifest syntax: CloudFormation intrinsics"},
		{"Ref on a value", "memory: !Ref Memory", "memory: the YAML tag !Ref is not manifest syntax"},
		{"GetAtt on a list", "command: !GetAtt [a, b]", "command: the YAML tag !GetAtt is not manifest syntax"},
		{"any local tag", "environment: {A: !x b}", "environment.A: the YAML tag !x is not manifest syntax"},
		{"on a key", "environment: {!Ref A: b}", "environment.A: the YAML tag !Ref is not manifest syntax"},
		{"non-core tag", "environment: {A: !!binary aGk=}", "environment.A: the YAML tag !!binary is not supported"},
		{"explicit timestamp", "environment: {A: !!timestamp 2001-12-14}", "the YAML tag !!timestamp is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseManifest("ecsgen.yaml", []byte(containerWith(tt.line)))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
	t.Run("core tags are fine", func(t *testing.T) {
		if _, err := ParseManifest("ecsgen.yaml", []byte(containerWith("environment: {A: !!str 5}\n          memory: !!int 512"))); err != nil {
			t.Error(err)
		}
	})
}

// TestSyntaxErrorLine: yaml.v3 reports the line where the enclosing block
// starts; the error must name the line that holds the mistake.
func TestSyntaxErrorLine(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		wantLine int
	}{
		{"dedented key", "name: shop\nservices:\n  web:\n    desiredCount: 2\n   taskDefinition: {}\n", 5},
		{"deep in a block", "name: shop\nservices:\n  web:\n    taskDefinition:\n      containers:\n        web:\n          image: nginx\n          memory: 512\n         cpu: 256\n", 9},
		{"unclosed flow mapping", "name: shop\nservices:\n  web:\n    taskDefinition: {containers: {web: {image: nginx}}\n    desiredCount: 2\n", 4}, // the line missing its }
		{"tab", "name: shop\nservices:\n  web:\n\ttaskDefinition: {}\n", 4},
		{"unclosed quote", "name: shop\nservices:\n  web:\n    cluster: \"main\n    desiredCount: 2\n", 4}, // the line missing its "
		{"text after a document end", "name: shop\n...\nservices: {}\n", 3},
		{"second document broken", "name: shop\n---\nservices:\n  - a\n  b: c\n", 5},
		{"no final newline", "name: shop\nservices:\n  web:\n    desiredCount: 2\n   taskDefinition: {}", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseManifest("ecsgen.yaml", []byte(tt.doc))
			var errs *Errors
			if !errors.As(err, &errs) || len(errs.List) != 1 || !strings.Contains(errs.List[0].Msg, "is not valid YAML") {
				t.Fatalf("err = %v, want one YAML syntax error", err)
			}
			if got := errs.List[0].Pos.Line; got != tt.wantLine {
				t.Errorf("line %d, want %d: %v", got, tt.wantLine, err)
			}
		})
	}
}

// TestOneDocument: a manifest is one YAML document; whatever follows a
// --- line is an error, even an empty document.
func TestOneDocument(t *testing.T) {
	for name, doc := range map[string]string{
		"second app":     containerWith("memory: 512") + "---\nname: other\n",
		"empty document": containerWith("memory: 512") + "---\n",
		"comment only":   containerWith("memory: 512") + "--- # end\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseManifest("ecsgen.yaml", []byte(doc))
			if err == nil || !strings.Contains(err.Error(), "ecsgen.yaml:9: holds more than one YAML document") {
				t.Errorf("err = %v, want more than one YAML document on line 9", err)
			}
		})
	}
}
