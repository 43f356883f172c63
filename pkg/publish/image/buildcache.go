package image

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/ecsgen/ecsgen/pkg/model"
	"github.com/ecsgen/ecsgen/pkg/publish/awsclient"
)

// A BuildCacher is a Publisher whose registry also keeps the build cache
// of a repository's Dockerfile images (cacheFrom), so that a build on a
// machine that starts cold, such as an ephemeral CI runner, pulls the
// steps built before from the registry instead of running them again. A
// zero BuildCache is none: a wrapper such as DeferredPublisher returns it
// when the publisher it wraps keeps no cache.
type BuildCacher interface {
	BuildCache(ctx context.Context, repository string) (BuildCache, error)
}

// BuildCache is the registry repository a Dockerfile builder reads and
// writes its cache in, and the login for its registry. The builder logs in
// itself: buildah and podman do not go through ecsgen's transport.
type BuildCache struct {
	// Repository is HOST/<repository>/build-cache, as buildah's and
	// podman's --cache-from and --cache-to take it.
	Repository string
	// Username and Password log in to the host of Repository.
	Username, Password string
	// Insecure says that the registry speaks plain HTTP, as a test's
	// registry mirror does (see RegistryMirrorEnv).
	Insecure bool
}

// host is the registry of the cache, the key of its login in an auth file.
func (c BuildCache) host() string {
	host, _, _ := strings.Cut(c.Repository, "/")
	return host
}

// CacheRepository names the build cache of an image repository. A
// repository of its own, since the image repositories have immutable tags
// and the cache's tags are its keys, which runs push again; under the
// image's name, so that the two sort together and a policy for
// <repository>* covers both.
func CacheRepository(repository string) string {
	return repository + model.BuildCacheSuffix
}

// cachesInRegistry reports whether an image's build asks for a cache
// (cacheFrom); only Docker builds can, a path image has no build options.
func cachesInRegistry(img model.Image) bool {
	return img.Build != nil && img.Build.CacheFrom != nil
}

// BuildCache implements BuildCacher: the cache of repository is the ECR
// repository <repository>/build-cache, created when missing (once per run)
// and never deleted but by destroy --delete-data, in the registry the
// images go to, with the run's login.
func (e *ECR) BuildCache(ctx context.Context, repository string) (BuildCache, error) {
	cache := CacheRepository(repository)
	if err := e.ensureRepository(ctx, cache, e.createCacheRepository, e.ensureCachePolicy); err != nil {
		return BuildCache{}, err
	}
	l, err := e.credentials(ctx, nil)
	if err != nil {
		return BuildCache{}, err
	}
	login, err := l.auth.Authorization()
	if err != nil {
		return BuildCache{}, err
	}
	host, insecure := e.mirror.builderHost(l.host)
	return BuildCache{Repository: host + "/" + cache, Username: login.Username, Password: login.Password, Insecure: insecure}, nil
}

// createCacheRepository creates a build cache repository: mutable tags,
// since buildah pushes each cache entry as a tag named by its key and two
// runs may push the same one; AES-256 like the image repositories; no scan
// on push, since cache images are never deployed; and the lifecycle policy
// of cacheLifecyclePolicy, so that the cache does not grow for ever.
func (e *ECR) createCacheRepository(ctx context.Context, repository string) error {
	created, err := e.create(ctx, &ecr.CreateRepositoryInput{
		RepositoryName:             aws.String(repository),
		ImageTagMutability:         types.ImageTagMutabilityMutable,
		ImageScanningConfiguration: &types.ImageScanningConfiguration{ScanOnPush: false},
		EncryptionConfiguration:    &types.EncryptionConfiguration{EncryptionType: types.EncryptionTypeAes256},
	})
	if err != nil {
		return err
	}
	if !created {
		// Created meanwhile, by another run, whose policy may not be
		// there yet, or never will be if that run could not put it.
		return e.ensureCachePolicy(ctx, repository)
	}
	if err := e.putCachePolicy(ctx, repository); err != nil {
		return err
	}
	if e.Log != nil {
		logMu.Lock()
		fmt.Fprintf(e.Log, "created ECR repository %s for the build cache (mutable tags, AES-256, images expire %d days after their push)\n", repository, cacheExpiryDays)
		logMu.Unlock()
	}
	return nil
}

// ensureCachePolicy puts the cache's lifecycle policy on a cache
// repository that has none: a run that created the repository but could
// not put the policy (a role without ecr:PutLifecyclePolicy) would
// otherwise leave it growing for ever, since later runs find it there. A
// policy that exists is left as it is: it may be the user's.
func (e *ECR) ensureCachePolicy(ctx context.Context, repository string) error {
	_, err := e.api.GetLifecyclePolicy(ctx, &ecr.GetLifecyclePolicyInput{RepositoryName: aws.String(repository)})
	var none *types.LifecyclePolicyNotFoundException
	if errors.As(err, &none) {
		return e.putCachePolicy(ctx, repository)
	}
	if err != nil {
		return fmt.Errorf("reading its lifecycle policy (ecr:GetLifecyclePolicy): %w", awsclient.Explain(err))
	}
	return nil
}

func (e *ECR) putCachePolicy(ctx context.Context, repository string) error {
	policy, err := json.Marshal(cacheLifecyclePolicy())
	if err != nil {
		return err
	}
	if _, err := e.api.PutLifecyclePolicy(ctx, &ecr.PutLifecyclePolicyInput{RepositoryName: aws.String(repository), LifecyclePolicyText: aws.String(string(policy))}); err != nil {
		return fmt.Errorf("putting its lifecycle policy, which keeps the cache from growing for ever (ecr:PutLifecyclePolicy): %w", awsclient.Explain(err))
	}
	return nil
}

// cacheExpiryDays is how long a cache image stays in the registry after
// its push.
const cacheExpiryDays = 30

// lifecyclePolicy is an ECR lifecycle policy document; see "Lifecycle
// policy properties" in the Amazon ECR user guide.
type lifecyclePolicy struct {
	Rules []lifecycleRule `json:"rules"`
}

type lifecycleRule struct {
	RulePriority int                `json:"rulePriority"`
	Description  string             `json:"description,omitempty"`
	Selection    lifecycleSelection `json:"selection"`
	Action       lifecycleAction    `json:"action"`
}

type lifecycleSelection struct {
	TagStatus   string `json:"tagStatus"`
	CountType   string `json:"countType"`
	CountUnit   string `json:"countUnit,omitempty"`
	CountNumber int    `json:"countNumber"`
}

type lifecycleAction struct {
	Type string `json:"type"`
}

// cacheLifecyclePolicy expires every cache image, tagged or not, pushed
// more than cacheExpiryDays ago. The count is from the push, and a cache
// entry that a build reuses is pulled, not pushed again, so even a step
// reused every day expires and is built once more about every
// cacheExpiryDays: the price of a cache that does not grow for ever. ECR's
// sinceImagePulled would count from the last pull instead, but moto, the
// tests' ECR, refuses it.
func cacheLifecyclePolicy() lifecyclePolicy {
	return lifecyclePolicy{Rules: []lifecycleRule{{
		RulePriority: 1,
		Description:  fmt.Sprintf("ecsgen: expire build cache images %d days after their push", cacheExpiryDays),
		Selection:    lifecycleSelection{TagStatus: "any", CountType: "sinceImagePushed", CountUnit: "days", CountNumber: cacheExpiryDays},
		Action:       lifecycleAction{Type: "expire"},
	}}}
}

// builderCache is a BuildCache as a build command takes it: the login is in
// an auth file, never on the command line, which a failed build prints.
type builderCache struct {
	repository string
	insecure   bool
	authFile   string
}

// args are buildah's and podman's flags for the cache. The login is not
// among them: --creds would send the ECR password to every registry the
// build pulls from, Docker Hub included, and --authfile would put a file
// of the work directory, gone by then, on the line a failed build prints
// to rerun it.
func (c builderCache) args() []string {
	args := []string{"--cache-from", c.repository, "--cache-to", c.repository}
	if c.insecure {
		args = append(args, "--tls-verify=false")
	}
	return args
}

// env gives the tools the auth file by REGISTRY_AUTH_FILE, the default of
// their --authfile: as command.scratch, it stays off the line to rerun,
// which then logs in with the user's own auth files.
func (c builderCache) env() []string {
	return []string{"REGISTRY_AUTH_FILE=" + c.authFile}
}

// rerunNote tells what a rerun of the build needs that its line cannot
// carry: a login to the cache's registry of the user's own.
func (c builderCache) rerunNote(tool string) string {
	host, _, _ := strings.Cut(c.repository, "/")
	tls := ""
	if c.insecure {
		tls = " --tls-verify=false"
	}
	return fmt.Sprintf("it reads and writes the build cache in %s with your own registry logins: log in to ECR first, with aws ecr get-login-password | %s login%s --username AWS --password-stdin %s", c.repository, tool, tls, host)
}

// registryCache returns the registry cache of src's build, its login
// written to an auth file in the work directory (removed when the build
// command ends), or nil: without cacheFrom or a publisher that keeps a
// cache there is none, and docker keeps its own (a registry cache needs a
// buildx builder other than the default).
func (b dockerfileBuilder) registryCache(ctx context.Context, src Source) (*builderCache, error) {
	if src.Cache == nil || b.tool == Docker {
		return nil, nil
	}
	c, err := src.Cache(ctx)
	if err != nil {
		return nil, errorf(src, "build cache: %w", err)
	}
	if c == (BuildCache{}) {
		return nil, nil
	}
	authFile := filepath.Join(src.WorkDir, "auth.json")
	if err := writeAuthFile(authFile, c); err != nil {
		return nil, errorf(src, "build cache: %w", err)
	}
	return &builderCache{repository: c.Repository, insecure: c.Insecure, authFile: authFile}, nil
}
