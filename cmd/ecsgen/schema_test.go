package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	_ "github.com/ecsgen/ecsgen/internal/golden" // so go test ./... -update is accepted
	"github.com/ecsgen/ecsgen/pkg/model"
)

// TestSchemaCommand checks that `ecsgen schema` prints model.JSONSchema
// unchanged, which pkg/model pins to schema/ecsgen.schema.json and tests
// against the examples and the error corpus.
func TestSchemaCommand(t *testing.T) {
	want, err := model.JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantErr bool
	}{
		{"prints the schema", []string{"schema"}, false},
		{"takes no arguments", []string{"schema", "ecsgen.yaml"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			cmd := newRootCommand()
			cmd.SetArgs(tt.args)
			cmd.SetOut(&out)
			cmd.SetErr(new(strings.Builder))
			err := cmd.Execute()
			if tt.wantErr {
				if err == nil {
					t.Error("want an error, got none")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal([]byte(out.String()), want) {
				t.Error("ecsgen schema differs from model.JSONSchema")
			}
			var doc struct {
				ID string `json:"$id"`
			}
			if err := json.Unmarshal([]byte(out.String()), &doc); err != nil || doc.ID != model.SchemaID {
				t.Errorf("output is not the manifest schema: $id %q, %v", doc.ID, err)
			}
		})
	}
}

// TestSchemaHelp: the help is where users learn the modeline that turns
// the schema on, so it must show it.
func TestSchemaHelp(t *testing.T) {
	cmd := newSchemaCommand()
	if !strings.Contains(cmd.Long, "# yaml-language-server: $schema=") {
		t.Error("schema help does not show the yaml-language-server line")
	}
	if cmd.Example == "" {
		t.Error("schema has no examples")
	}
}
