// Package publishcli is what the programs that talk to AWS and registries,
// ecsgen-build and ecsgen-publish, share: the flags that choose the AWS
// account and region, and the builder of Dockerfile images. It is apart
// from internal/cli, which ecsgen links, because it reads the AWS and
// image packages, which ecsgen must not link.
package publishcli
