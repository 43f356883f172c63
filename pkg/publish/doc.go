// Package publish builds the images a template needs and pushes them to
// ECR, pinned by digest; it is the only package that calls AWS.
//
// It is shaped like ko's build and publish packages: a Builder turns one
// image's declaration into a v1.Image (goPackage images with
// go-containerregistry alone, Dockerfile images with docker, podman or
// buildah) and a Publisher puts a v1.Image in a repository. Behaviour is
// added by wrapping these small interfaces, not by flags. Images runs
// both for every input of a template.
package publish
