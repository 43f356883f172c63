package image

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// ecrAPI is the part of the ECR API that publishing calls.
type ecrAPI interface {
	PutLifecyclePolicy(context.Context, *ecr.PutLifecyclePolicyInput, ...func(*ecr.Options)) (*ecr.PutLifecyclePolicyOutput, error)
	GetLifecyclePolicy(context.Context, *ecr.GetLifecyclePolicyInput, ...func(*ecr.Options)) (*ecr.GetLifecyclePolicyOutput, error)
	DescribeRepositories(context.Context, *ecr.DescribeRepositoriesInput, ...func(*ecr.Options)) (*ecr.DescribeRepositoriesOutput, error)
	CreateRepository(context.Context, *ecr.CreateRepositoryInput, ...func(*ecr.Options)) (*ecr.CreateRepositoryOutput, error)
	GetAuthorizationToken(context.Context, *ecr.GetAuthorizationTokenInput, ...func(*ecr.Options)) (*ecr.GetAuthorizationTokenOutput, error)
}

// ECR publishes to the account's private ECR registry in one region. It
// creates a missing repository (scan on push, immutable tags, AES-256
// encryption) and never deletes one; as a BuildCacher it keeps the build
// cache of an image repository in another (see BuildCache). It logs in
// once per run and again only when the registry answers 401: ECR's expiry
// time is not a reliable guide (emulators return one long past).
type ECR struct {
	// Log, if set, hears about repositories ECR creates and each push.
	Log io.Writer

	api       ecrAPI
	transport http.RoundTripper
	mirror    *mirrorTransport // nil unless ECSGEN_REGISTRY_MIRROR is set

	mu      sync.Mutex
	login   *ecrLogin
	ensured map[string]bool
}

// ecrLogin is one authorization token and the registry it is for, with
// the repositories Prepare logged in to with it.
type ecrLogin struct {
	host string
	auth authn.Authenticator
	warm map[string]Registry // guarded by ECR.mu
}

// NewECR returns the publisher for the ECR registry of cfg's account and
// region. With ECSGEN_REGISTRY_MIRROR set, registry traffic goes to that
// registry instead (see RegistryMirrorEnv).
func NewECR(cfg aws.Config) (*ECR, error) {
	e := &ECR{api: ecr.NewFromConfig(cfg), transport: remote.DefaultTransport, ensured: map[string]bool{}}
	if m := os.Getenv(RegistryMirrorEnv); m != "" {
		var err error
		if e.mirror, err = newMirrorTransport(m, e.transport); err != nil {
			return nil, err
		}
		e.transport = e.mirror
	}
	return e, nil
}

// Prepare implements Preparer: while the image builds, it creates the
// repository if it is missing, gets a token, and logs in to the registry
// with it (see Registry.Warm).
func (e *ECR) Prepare(ctx context.Context, repository string) error {
	if err := e.ensureRepository(ctx, repository, e.createRepository, nil); err != nil {
		return err
	}
	l, err := e.credentials(ctx, nil)
	if err != nil {
		return err
	}
	// A registry that cannot be reached now is reported by the push, which
	// tries again and says what it was doing.
	if warm, err := e.registry(l, repository).Warm(ctx, repository); err == nil {
		e.mu.Lock()
		l.warm[repository] = warm
		e.mu.Unlock()
	}
	return nil
}

// PrepareBase implements BasePreparer: while the image builds, it puts the
// layers of its base in the repository, so that a first push uploads
// (or, from the same registry, mounts) only what the build made.
func (e *ECR) PrepareBase(ctx context.Context, repository string, base v1.Image) error {
	l, err := e.credentials(ctx, nil)
	if err != nil {
		return err
	}
	return e.registry(l, repository).PutLayers(ctx, repository, base)
}

// Publish implements Publisher.
func (e *ECR) Publish(ctx context.Context, img v1.Image, repository string) (name.Digest, error) {
	if err := e.ensureRepository(ctx, repository, e.createRepository, nil); err != nil {
		return name.Digest{}, err
	}
	var stale *ecrLogin
	for {
		l, err := e.credentials(ctx, stale)
		if err != nil {
			return name.Digest{}, err
		}
		ref, err := e.registry(l, repository).Publish(ctx, img, repository)
		if stale == nil && registryStatus(err, http.StatusUnauthorized) {
			stale = l // the token expired during the run: log in again, once
			continue
		}
		return ref, err
	}
}

// registry returns the registry of login l, logged in to repository if
// Prepare did that with l.
func (e *ECR) registry(l *ecrLogin, repository string) Registry {
	e.mu.Lock()
	defer e.mu.Unlock()
	if r, ok := l.warm[repository]; ok {
		return r
	}
	return Registry{Host: l.host, Auth: l.auth, Transport: e.transport, Log: e.Log}
}

// credentials returns the current login, logging in again when there is
// none or the caller found stale to be rejected. Builds publish in
// parallel; only the first to find a token stale replaces it.
func (e *ECR) credentials(ctx context.Context, stale *ecrLogin) (*ecrLogin, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.login != nil && e.login != stale {
		return e.login, nil
	}
	out, err := e.api.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{})
	if err != nil {
		return nil, fmt.Errorf("logging in to ECR: %w", err)
	}
	if len(out.AuthorizationData) == 0 {
		return nil, errors.New("logging in to ECR: GetAuthorizationToken returned no token")
	}
	d := out.AuthorizationData[0]
	user, pass, err := decodeECRToken(aws.ToString(d.AuthorizationToken))
	if err != nil {
		return nil, err
	}
	endpoint, err := url.Parse(aws.ToString(d.ProxyEndpoint))
	if err != nil || endpoint.Host == "" {
		return nil, fmt.Errorf("logging in to ECR: unexpected registry endpoint %q", aws.ToString(d.ProxyEndpoint))
	}
	e.login = &ecrLogin{host: endpoint.Host, auth: &authn.Basic{Username: user, Password: pass}, warm: map[string]Registry{}}
	return e.login, nil
}

// decodeECRToken splits an ECR authorization token, base64("AWS:secret").
func decodeECRToken(token string) (user, pass string, err error) {
	raw, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		return "", "", fmt.Errorf("logging in to ECR: the authorization token is not base64: %w", err)
	}
	user, pass, ok := strings.Cut(string(raw), ":")
	if !ok {
		return "", "", errors.New("logging in to ECR: the authorization token is not user:password")
	}
	return user, pass, nil
}

// ensureRepository creates the repository with create unless it exists,
// once per run; found, if not nil, checks one that exists (create calls it
// too, for one made meanwhile). One that exists is otherwise left as it is:
// its settings may be the user's.
func (e *ECR) ensureRepository(ctx context.Context, repository string, create, found func(context.Context, string) error) error {
	e.mu.Lock()
	done := e.ensured[repository]
	e.mu.Unlock()
	if done {
		return nil
	}
	_, err := e.api.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{repository}})
	var notFound *types.RepositoryNotFoundException
	switch {
	case errors.As(err, &notFound):
		err = create(ctx, repository)
	case err == nil && found != nil:
		err = found(ctx, repository)
	}
	if err != nil {
		return fmt.Errorf("ECR repository %s: %w", repository, err)
	}
	e.mu.Lock()
	e.ensured[repository] = true
	e.mu.Unlock()
	return nil
}

func (e *ECR) createRepository(ctx context.Context, repository string) error {
	created, err := e.create(ctx, &ecr.CreateRepositoryInput{
		RepositoryName:             aws.String(repository),
		ImageTagMutability:         types.ImageTagMutabilityImmutable,
		ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: true},
		EncryptionConfiguration:    &types.EncryptionConfiguration{EncryptionType: types.EncryptionTypeAes256},
	})
	if created && e.Log != nil {
		logMu.Lock()
		fmt.Fprintf(e.Log, "created ECR repository %s (scan on push, immutable tags, AES-256)\n", repository)
		logMu.Unlock()
	}
	return err
}

// create creates a repository; one created meanwhile, by another image of
// this run or by another run, is no error, and created says which it was.
func (e *ECR) create(ctx context.Context, in *ecr.CreateRepositoryInput) (created bool, err error) {
	_, err = e.api.CreateRepository(ctx, in)
	var exists *types.RepositoryAlreadyExistsException
	if errors.As(err, &exists) {
		return false, nil
	}
	return err == nil, err
}
