package image

import (
	"context"
	"encoding/base64"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/ecsgen/ecsgen/internal/testenv"
	"github.com/ecsgen/ecsgen/pkg/cfn"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// motoAccountRegistry is the ECR registry moto's GetAuthorizationToken names.
const motoAccountRegistry = "123456789012.dkr.ecr.us-east-1.amazonaws.com"

// ecrEnv starts moto for the ECR API and docker-registry for ECR's
// registry, behind a proxy that counts uploads, and points the AWS SDK
// and ECSGEN_REGISTRY_MIRROR at them, as a user's environment would.
func ecrEnv(t *testing.T) (aws.Config, string, *uploads) {
	t.Helper()
	moto := testenv.Moto(t)
	reg := testenv.Registry(t)
	u, err := url.Parse(reg)
	if err != nil {
		t.Fatal(err)
	}
	count := &uploads{}
	proxy := httptest.NewServer(count.wrap(httputil.NewSingleHostReverseProxy(u)))
	t.Cleanup(proxy.Close)
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL": moto, "AWS_REGION": "us-east-1",
		"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"),
		RegistryMirrorEnv: proxy.URL,
	} {
		t.Setenv(k, v)
	}
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cfg, strings.TrimPrefix(reg, "http://"), count
}

// TestECRPublish pushes a goPackage image to "ECR" (moto and
// docker-registry): the repository is created with secure settings, the
// reference names the account's ECR host and the digest the registry
// holds, the base's layers are put there while the image builds, so the
// push uploads the rest, and pushing again uploads nothing.
func TestECRPublish(t *testing.T) {
	cfg, reg, count := ecrEnv(t)
	base := testenv.BaseInRegistry(t)
	e, err := NewECR(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	e.Log = &log
	opts := Options{Dir: goModule(t, t.TempDir(), "hello"), Publisher: e}
	in := []cfn.ImageInput{goInput(base)}
	refs, err := Images(context.Background(), in, opts)
	if err != nil {
		t.Fatal(err)
	}
	ref := refs["WebWebImage"]
	repo, digest, _ := strings.Cut(ref, "@")
	if repo != motoAccountRegistry+"/shop/web/web" || !strings.HasPrefix(digest, "sha256:") {
		t.Fatalf("reference %q, want %s/shop/web/web@sha256:...", ref, motoAccountRegistry)
	}
	auth := remote.WithAuth(&authn.Basic{Username: testenv.RegistryUser, Password: testenv.RegistryPassword})
	desc, err := remote.Head(parseRef(t, reg+"/shop/web/web@"+digest), auth)
	if err != nil {
		t.Fatalf("the registry does not hold %s: %v", digest, err)
	}
	if desc.Digest.String() != digest {
		t.Errorf("registry digest %s, printed %s", desc.Digest, digest)
	}
	if blobs, _ := count.take(); blobs != 4 {
		t.Errorf("first push uploaded %d blobs, want 4", blobs)
	}
	for _, want := range []string{
		"put the base layers in " + motoAccountRegistry + "/shop/web/web: 2 blobs uploaded",
		"pushed " + ref + ": 2 blobs uploaded",
	} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, log.String())
		}
	}

	out, err := ecr.NewFromConfig(cfg).DescribeRepositories(context.Background(), &ecr.DescribeRepositoriesInput{RepositoryNames: []string{"shop/web/web"}})
	if err != nil {
		t.Fatal(err)
	}
	r := out.Repositories[0]
	got := []string{string(r.ImageTagMutability), string(r.EncryptionConfiguration.EncryptionType)}
	if diff := cmp.Diff([]string{string(types.ImageTagMutabilityImmutable), string(types.EncryptionTypeAes256)}, got); diff != "" || !r.ImageScanningConfiguration.ScanOnPush {
		t.Errorf("repository settings (-want +got):\n%s\nscan on push: %v", diff, r.ImageScanningConfiguration.ScanOnPush)
	}

	again, err := Images(context.Background(), in, Options{Dir: opts.Dir, Publisher: e})
	if err != nil {
		t.Fatal(err)
	}
	if again["WebWebImage"] != ref {
		t.Errorf("second push gave %s, first %s", again["WebWebImage"], ref)
	}
	if blobs, manifests := count.take(); blobs+manifests != 0 {
		t.Errorf("unchanged push uploaded %d blobs and %d manifests, want none", blobs, manifests)
	}
}

// expiringToken hands out a token the registry rejects first, as ECR does
// once a token expires during a long run.
type expiringToken struct {
	ecrAPI
	calls int
}

func (e *expiringToken) GetAuthorizationToken(ctx context.Context, in *ecr.GetAuthorizationTokenInput, opts ...func(*ecr.Options)) (*ecr.GetAuthorizationTokenOutput, error) {
	out, err := e.ecrAPI.GetAuthorizationToken(ctx, in, opts...)
	e.calls++
	if err == nil && e.calls == 1 {
		out.AuthorizationData[0].AuthorizationToken = aws.String(base64.StdEncoding.EncodeToString([]byte("AWS:expired")))
	}
	return out, err
}

// TestECRLogsInAgainOn401 checks that a token the registry rejects is
// replaced once, and the push goes through.
func TestECRLogsInAgainOn401(t *testing.T) {
	cfg, _, _ := ecrEnv(t)
	e, err := NewECR(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tokens := &expiringToken{ecrAPI: e.api}
	e.api = tokens
	_, err = Images(context.Background(), []cfn.ImageInput{goInput(testenv.BaseInRegistry(t))}, Options{Dir: goModule(t, t.TempDir(), "hello"), Publisher: e})
	if err != nil {
		t.Fatal(err)
	}
	if tokens.calls != 2 {
		t.Errorf("GetAuthorizationToken called %d times, want 2 (the rejected token, then a fresh one)", tokens.calls)
	}
}

// TestECRPrepareLogsIn checks that Prepare logs in to the registry, so
// that the push that follows starts with its first request for the image.
func TestECRPrepareLogsIn(t *testing.T) {
	cfg, _, count := ecrEnv(t)
	e, err := NewECR(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Prepare(context.Background(), "shop/web"); err != nil {
		t.Fatal(err)
	}
	if pings := count.takePings(); pings != 1 {
		t.Fatalf("Prepare pinged the registry %d times, want 1", pings)
	}
	img, err := random.Image(1024, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Publish(context.Background(), img, "shop/web"); err != nil {
		t.Fatal(err)
	}
	if pings := count.takePings(); pings != 0 {
		t.Errorf("the push after Prepare pinged the registry %d times, want 0", pings)
	}
	if blobs, manifests := count.take(); blobs != 2 || manifests != 1 {
		t.Errorf("the push uploaded %d blobs and %d manifests, want 2 and 1", blobs, manifests)
	}
}
