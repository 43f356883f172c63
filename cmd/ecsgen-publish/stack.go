package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ecsgen/ecsgen/internal/cli"
	"github.com/ecsgen/ecsgen/internal/publishcli"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/ecsgen/ecsgen/pkg/publish"
	"github.com/ecsgen/ecsgen/pkg/publish/image"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// stackFlags are the flags of every command that works on the app's
// stack: which app, which stack, which account and region.
type stackFlags struct {
	publishcli.AWSFlags
	file, stack string
}

func (s *stackFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&s.file, "file", "f", "ecsgen.yaml", "the manifest to read")
	f.StringVar(&s.stack, "stack", "", "the CloudFormation stack; default: the manifest's name")
	s.AWSFlags.Register(cmd)
}

// target is what a command works on: the app's template, its stack, and the
// clients of the account.
type target struct {
	template *cfn.Template
	stack    string
	clients  *publish.Clients
}

func (s *stackFlags) load(ctx context.Context, cmd *cobra.Command) (*target, error) {
	m, t, err := cli.LoadTemplate(cmd, s.file)
	if err != nil {
		return nil, err
	}
	c, err := publish.LoadClients(ctx, s.Options())
	if err != nil {
		return nil, err
	}
	stack := s.stack
	if stack == "" {
		stack = m.App.Name
	}
	return &target{template: t, stack: stack, clients: c}, nil
}

// loadStack is load for a command that needs only the stack, such as
// outputs: with --stack it reads no manifest, so that a stack can be
// looked at from anywhere, e.g. by a script that holds only its name.
func (s *stackFlags) loadStack(ctx context.Context, cmd *cobra.Command) (string, *publish.Clients, error) {
	if s.stack == "" {
		t, err := s.load(ctx, cmd)
		if err != nil {
			return "", nil, err
		}
		return t.stack, t.clients, nil
	}
	c, err := publish.LoadClients(ctx, s.Options())
	return s.stack, c, err
}

// images builds the app's images with builder (see
// publishcli.BuilderFlag) and pushes them to ECR in the clients' account
// and region, the way `ecsgen build --push` does.
func (s *stackFlags) images(cmd *cobra.Command, t *target, builder string) publish.ImagePublisher {
	return publish.ImagePublisherFunc(func(ctx context.Context, in []cfn.ImageInput) (map[string]string, error) {
		e, err := image.NewECR(t.clients.Config)
		if err != nil {
			return nil, err
		}
		e.Log = cmd.ErrOrStderr()
		return image.Images(ctx, in, image.Options{Dir: filepath.Dir(s.file), Builder: builder, Publisher: e, Log: cmd.ErrOrStderr()})
	})
}

// newProgress picks the live view on a terminal and plain lines elsewhere
// (pipes, files, CI=true); NO_COLOR turns colors off.
func newProgress(w io.Writer) publish.Progress {
	color := os.Getenv("NO_COLOR") == ""
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) && os.Getenv("CI") != "true" {
		width, height, _ := term.GetSize(int(f.Fd())) // 0 x 0 on error: the defaults
		return publish.NewLiveProgress(w, width, height, color)
	}
	return publish.NewPlainProgress(w, false)
}

// confirm asks the question on the terminal; without one, --yes is needed,
// so that a script never changes a stack by accident.
func confirm(cmd *cobra.Command, yes bool, flag string) func(string) (bool, error) {
	if yes {
		return nil
	}
	return func(question string) (bool, error) {
		in, ok := cmd.InOrStdin().(*os.File)
		if !ok || !term.IsTerminal(int(in.Fd())) {
			return false, fmt.Errorf("not asking without a terminal: pass %s to go ahead", flag)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "%s [y/N] ", question)
		answer, _ := bufio.NewReader(in).ReadString('\n')
		answer = strings.ToLower(strings.TrimSpace(answer))
		return answer == "y" || answer == "yes", nil
	}
}
