// Command ecsgen turns an ECS application described once, as a manifest or
// a Go program, into a CloudFormation template, and deploys it.
//
// ecsgen itself runs synth and schema. It hands its other commands over to
// companion programs installed beside it (ecsgen-build for build;
// ecsgen-publish for deploy, diff, outputs, run and destroy; ecsgen-import
// for import), so that synth starts in a few milliseconds: Go initialises
// every package a program links before main, and theirs (the AWS SDK,
// go-containerregistry, compose-go) take tens of milliseconds.
package main

import "github.com/ecsgen/ecsgen/internal/cli"

// version is set by release builds with -ldflags "-X main.version=v1.2.3".
var version string

func main() { cli.Main(newRootCommand()) }
